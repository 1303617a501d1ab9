package dev.lpm.enforce;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands as child processes with no shell, no input, {@code LC_ALL=C} (messages lpm can quote
 * and parse), and stdout and stderr read on platform threads of their own: a blocked pipe read would
 * pin a virtual thread's carrier, and reading one stream while the other fills would deadlock.
 */
public final class ProcessCommandRunner implements CommandRunner {

    @Override
    public CommandResult run(List<String> argv, Duration timeout) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(
                    new java.io.File("/dev/null")));
            builder.environment().put("LC_ALL", "C");
            process = builder.start();
        } catch (IOException e) {
            throw new FirewallException("cannot run " + String.join(" ", argv) + ": " + e.getMessage(), argv, "", e);
        }
        StreamReader out = StreamReader.start(process.getInputStream(), "lpm-cmd-stdout");
        StreamReader err = StreamReader.start(process.getErrorStream(), "lpm-cmd-stderr");
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new FirewallException(String.join(" ", argv) + " did not finish within " + timeout.toSeconds()
                        + " s and was killed", argv, err.text(Duration.ofSeconds(1)), null);
            }
            return new CommandResult(process.exitValue(), out.text(Duration.ofSeconds(5)), err.text(Duration.ofSeconds(5)));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new FirewallException("interrupted while running " + String.join(" ", argv), argv, "", e);
        }
    }

    /** Drains one stream on a platform thread. */
    private static final class StreamReader {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        private StreamReader(InputStream in, String name) {
            this.thread = Thread.ofPlatform().daemon().name(name).unstarted(() -> {
                try (in) {
                    in.transferTo(bytes);
                } catch (IOException e) {
                    // the process is gone; what was read is kept
                }
            });
        }

        static StreamReader start(InputStream in, String name) {
            StreamReader reader = new StreamReader(in, name);
            reader.thread.start();
            return reader;
        }

        String text(Duration wait) throws InterruptedException {
            thread.join(wait);
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
