package dev.lpm.audit.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void grypeRunsOnTheImageAndOnAnSbomWithTheArgumentsItTakes(@TempDir Path bin) throws Exception {
        // grype -o json, trimmed to what lpm reads (recorded: grype is in neither Debian 12 nor npm).
        program(bin, "grype", """
                case "$*" in
                  "--quiet -o json lpm/busybox:test"|"--quiet -o json sbom:/tmp/x.cdx.json") ;;
                  *) echo "bad args: $*" >&2; exit 2 ;;
                esac
                /bin/cat <<'JSON'
                {"matches":[{"vulnerability":{"id":"CVE-2022-48174","severity":"Critical"}},
                            {"vulnerability":{"id":"CVE-2023-42363","severity":"Medium"}}]}
                JSON
                """);
        Scanners scanners = new Scanners(bin.toString(), Duration.ofSeconds(30));
        assertThat(scanners.installed()).hasValue(Scanner.GRYPE);
        assertThat(scanners.installedForSbom()).hasValue(Scanner.GRYPE);
        assertThat(scanners.scan(Scanner.GRYPE, "lpm/busybox:test").line())
                .isEqualTo("grype on lpm/busybox:test: 1 critical, 1 medium");
        assertThat(scanners.scanSbom(Scanner.GRYPE, Path.of("/tmp/x.cdx.json"), "the SBOM").line())
                .isEqualTo("grype on the SBOM: 1 critical, 1 medium");
    }

    @Test
    void dockerScoutIsFoundAsACliPluginAndItsQuickviewIsCounted(@TempDir Path bin) throws Exception {
        // docker scout quickview's table (recorded): the plugin is not installable here.
        program(bin, "docker", """
                case "$*" in
                  "scout version") echo "version: v1.13.0"; exit 0 ;;
                  "scout quickview hello-python") ;;
                  *) echo "bad args: $*" >&2; exit 2 ;;
                esac
                /bin/cat <<'OUT'
                    ✓ Image stored for indexing
                    ✓ Indexed 212 packages

                  Target     │  hello-python:latest  │    0C     3H    12M     4L
                    digest   │  1234                  │
                  Base image │  python:3-alpine3.11   │    0C     3H    11M     4L
                OUT
                """);
        Scanners scanners = new Scanners(bin.toString(), Duration.ofSeconds(30));
        assertThat(scanners.installed()).hasValue(Scanner.DOCKER_SCOUT);
        assertThat(scanners.installedForSbom()).as("scout is not run on SBOM files").isEmpty();
        assertThat(scanners.scan(Scanner.DOCKER_SCOUT, "hello-python").line())
                .isEqualTo("docker scout on hello-python: 3 high, 12 medium, 4 low");
    }

    @Test
    void aScannerThatFailsIsAClearErrorWithWhatItSaid(@TempDir Path bin) throws Exception {
        program(bin, "trivy", """
                echo "FATAL	init error: DB error: failed to download vulnerability DB" >&2
                exit 1
                """);
        Scanners scanners = new Scanners(bin.toString(), Duration.ofSeconds(30));
        assertThatThrownBy(() -> scanners.scan(Scanner.TRIVY, "lpm/busybox:test"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("trivy failed on lpm/busybox:test (exit 1): FATAL\tinit error: DB error: failed to download"
                        + " vulnerability DB");
    }

    private static void program(Path bin, String name, String body) throws Exception {
        Path program = bin.resolve(name);
        Files.writeString(program, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
