package dev.lpm.platform;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short external command and returns its exit code; tests substitute a recorder. */
@FunctionalInterface
public interface CommandRunner {

    int run(List<String> command) throws IOException;

    /** The real one: output discarded, at most 10 s. */
    static CommandRunner system() {
        return command -> {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(String.join(" ", command) + " did not finish within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command.getFirst(), e);
            }
            return process.exitValue();
        };
    }
}
