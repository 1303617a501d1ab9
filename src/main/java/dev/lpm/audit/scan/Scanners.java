package dev.lpm.audit.scan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Finds an installed scanner on the PATH and runs it; says what to install when there is none. */
public final class Scanners {

    private final Tools tools;
    private final Duration timeout;

    public Scanners(String path, Duration timeout) {
        this.tools = new Tools(path);
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
        if (onPath("docker") && run(List.of("docker", "scout", "version"), Duration.ofSeconds(20)).ok()) {
            return Optional.of(Scanner.DOCKER_SCOUT);
        }
        return Optional.empty();
    }

    public static String noneInstalledMessage() {
        return "no vulnerability scanner is installed; install one of: " + List.of(Scanner.values()).stream()
                .map(s -> s.displayName() + " (" + s.whereToGet() + ")").collect(Collectors.joining(", "));
    }

    public ScanSummary scan(Scanner scanner, String image) {
        return summarize(scanner, image, run(scanner.command(image), timeout));
    }

    /** The scanner on an SBOM file (CycloneDX JSON) instead of an image; {@code what} names it in the summary. */
    public ScanSummary scanSbom(Scanner scanner, Path sbom, String what) {
        return summarize(scanner, what, run(scanner.sbomCommand(sbom), timeout));
    }

    /** The first installed scanner that reads an SBOM (trivy, grype; docker scout does not here). */
    public Optional<Scanner> installedForSbom() {
        return onPath("trivy") ? Optional.of(Scanner.TRIVY) : onPath("grype") ? Optional.of(Scanner.GRYPE)
                : Optional.empty();
    }

    private ScanSummary summarize(Scanner scanner, String image, Tools.Result result) {
        if (!result.ok()) {
            throw new IllegalStateException(scanner.displayName() + " failed on " + image + " (exit " + result.exit()
                    + "): " + result.complaint());
        }
        try {
            return new ScanSummary(scanner.displayName(), image, scanner.counts(result.output()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + scanner.displayName() + "'s output: " + e.getMessage(), e);
        }
    }

    boolean onPath(String command) {
        return tools.installed(command);
    }

    private Tools.Result run(List<String> command, Duration limit) {
        return tools.run(command, limit);
    }
}
