package dev.lpm.audit.scan;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The outside programs the audit runs (scanners, SBOM generators, signature verifiers), found on one PATH and
 * run with it, stdout to a temporary file so a large report never blocks on a full pipe.
 */
public final class Tools {

    private final String path;

    public Tools(String path) {
        this.path = path == null ? "" : path;
    }

    public static Tools fromEnvironment() {
        return new Tools(System.getenv("PATH"));
    }

    public String path() {
        return path;
    }

    /** The program on this PATH (ProcessBuilder would search the JVM's own PATH instead). */
    public Optional<Path> which(String command) {
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return Optional.of(Path.of(dir, command));
            }
        }
        return Optional.empty();
    }

    public boolean installed(String command) {
        return which(command).isPresent();
    }

    /** How a run ended: the exit code (-1: could not start, timed out), stdout, and stderr's last lines. */
    public record Result(int exit, String output, String errors) {
        public boolean ok() {
            return exit == 0;
        }

        /** What to say when it failed: stderr, else stdout, stripped and cut to one readable length. */
        public String complaint() {
            String said = (errors.isBlank() ? output : errors).strip();
            return said.length() > 400 ? "..." + said.substring(said.length() - 400) : said;
        }
    }

    public Result run(List<String> command, Duration limit) {
        try {
            Path out = Files.createTempFile("lpm-tool-", ".out");
            Path err = Files.createTempFile("lpm-tool-", ".err");
            try {
                List<String> resolved = new ArrayList<>(command);
                resolved.set(0, which(command.getFirst()).map(Path::toString).orElse(command.getFirst()));
                ProcessBuilder builder = new ProcessBuilder(resolved).redirectOutput(out.toFile())
                        .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                builder.environment().put("PATH", path);
                Process p = builder.start();
                if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    return new Result(-1, "", command.getFirst() + " timed out after " + limit.toSeconds() + " s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return new Result(-1, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", "interrupted");
        }
    }
}
