package dev.lpm.audit.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScannersTest {

    @Test
    void withNoScannerOnThePathItSaysWhichToInstall(@TempDir Path empty) {
        assertThat(new Scanners(empty.toString(), Duration.ofSeconds(10)).installed()).isEmpty();
        assertThat(Scanners.noneInstalledMessage()).contains("trivy").contains("grype").contains("docker scout");
    }

    @Test
    void runsTheInstalledScannerAndCountsBySeverity(@TempDir Path bin) throws Exception {
        // A stand-in trivy that prints what trivy --format json prints (trimmed).
        Path trivy = bin.resolve("trivy");
        Files.writeString(trivy, """
                #!/bin/sh
                [ "$1 $2 $4 $5" = "image --quiet json lpm/busybox:test" ] || { echo "bad args: $*" >&2; exit 2; }
                cat <<'JSON'
                {"Results":[{"Target":"x","Vulnerabilities":[{"Severity":"HIGH"},{"Severity":"CRITICAL"},{"Severity":"HIGH"}]},
                            {"Target":"y"}]}
                JSON
                """);
        Files.setPosixFilePermissions(trivy, PosixFilePermissions.fromString("rwxr-xr-x"));
        Scanners scanners = new Scanners(bin + ":/usr/bin:/bin", Duration.ofSeconds(30));
        assertThat(scanners.installed()).hasValue(Scanner.TRIVY);
        ScanSummary summary = scanners.scan(Scanner.TRIVY, "lpm/busybox:test");
        assertThat(summary.counts()).isEqualTo(Map.of("CRITICAL", 1, "HIGH", 2));
        assertThat(summary.line()).isEqualTo("trivy on lpm/busybox:test: 1 critical, 2 high");
    }

    @Test
    void grypeAndScoutOutputsAreCounted() throws Exception {
        assertThat(Scanner.GRYPE.counts("{\"matches\":[{\"vulnerability\":{\"severity\":\"Medium\"}},"
                + "{\"vulnerability\":{\"severity\":\"Critical\"}},{\"vulnerability\":{\"severity\":\"Medium\"}}]}"))
                .isEqualTo(Map.of("MEDIUM", 2, "CRITICAL", 1));
        assertThat(Scanner.DOCKER_SCOUT.counts("""
                  Target     │  hello-python:latest  │    0C     3H    12M     4L
                    digest   │  1234                  │
                """)).isEqualTo(Map.of("HIGH", 3, "MEDIUM", 12, "LOW", 4));
        assertThat(new ScanSummary("grype", "x", Map.of()).line()).isEqualTo("grype on x: no known vulnerabilities");
    }
}
