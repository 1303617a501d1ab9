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
import java.util.stream.Collectors;

/** Finds an installed scanner on the PATH and runs it; says what to install when there is none. */
public final class Scanners {

    private final String path;
    private final Duration timeout;

    public Scanners(String path, Duration timeout) {
        this.path = path == null ? "" : path;
        this.timeout = timeout;
    }

    public static Scanners fromEnvironment() {
        return new Scanners(System.getenv("PATH"), Duration.ofMinutes(10));
    }

    /** The first of trivy, grype, docker scout that is installed. */
    public Optional<Scanner> installed() {
        if (onPath("trivy")) {
            return Optional.of(Scanner.TRIVY);
        }
        if (onPath("grype")) {
            return Optional.of(Scanner.GRYPE);
        }
        // docker scout is a CLI plugin: present when "docker scout version" works.
        if (onPath("docker") && run(List.of("docker", "scout", "version"), Duration.ofSeconds(20)).exit == 0) {
            return Optional.of(Scanner.DOCKER_SCOUT);
        }
        return Optional.empty();
    }

    public static String noneInstalledMessage() {
        return "no vulnerability scanner is installed; install one of: " + List.of(Scanner.values()).stream()
                .map(s -> s.displayName() + " (" + s.whereToGet() + ")").collect(Collectors.joining(", "));
    }

    public ScanSummary scan(Scanner scanner, String image) {
        Result result = run(scanner.command(image), timeout);
        if (result.exit != 0) {
            throw new IllegalStateException(scanner.displayName() + " failed on " + image + " (exit " + result.exit
                    + "): " + result.output.strip());
        }
        try {
            return new ScanSummary(scanner.displayName(), image, scanner.counts(result.output));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + scanner.displayName() + "'s output: " + e.getMessage(), e);
        }
    }

    boolean onPath(String command) {
        return which(command).isPresent();
    }

    /** The program on this scanner PATH (ProcessBuilder would search the JVM's own PATH instead). */
    private Optional<Path> which(String command) {
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return Optional.of(Path.of(dir, command));
            }
        }
        return Optional.empty();
    }

    private record Result(int exit, String output) {}

    private Result run(List<String> command, Duration limit) {
        try {
            Path out = Files.createTempFile("lpm-scan-", ".out");
            try {
                List<String> resolved = new ArrayList<>(command);
                resolved.set(0, which(command.getFirst()).map(Path::toString).orElse(command.getFirst()));
                ProcessBuilder builder = new ProcessBuilder(resolved).redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
                builder.environment().put("PATH", path);
                Process p = builder.start();
                if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    return new Result(-1, "timed out after " + limit);
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
