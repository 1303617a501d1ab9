package dev.lpm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** Where the CLI keeps the stack trace of a bug, under the id the user was shown. */
final class CliErrorLog {

    private CliErrorLog() {}

    /** Appends the failure to LPM_HOME/logs/cli-errors.log; returns where it went (or "stderr" if it could not). */
    static String record(String id, Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        String entry = "[" + Instant.now() + "] " + id + "\n" + trace + "\n";
        try {
            Path logs = Instance.home().logs();
            Files.createDirectories(logs);
            Path file = logs.resolve("cli-errors.log");
            Files.writeString(file, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return file.toString();
        } catch (IOException | RuntimeException failure) {
            System.err.print(entry);
            return "the output above";
        }
    }
}
