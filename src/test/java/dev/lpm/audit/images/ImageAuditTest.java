package dev.lpm.audit.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.audit.AuditReport;
import dev.lpm.audit.scan.Scanners;
import dev.lpm.audit.scan.Tools;
import dev.lpm.core.Finding;
import dev.lpm.core.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SBOM and vulnerability part of {@code lpm audit --images} with a stored SBOM: grype and trivy are not
 * installable from Debian 12 or npm here, so their recorded JSON answers stand in (arguments checked); the real
 * SBOM generator (cdxgen) runs in ImagesEngineTest.
 */
class ImageAuditTest {

    private static final String ID = "sha256:" + "7a9c054129b3".repeat(5) + "abcd";
    private static final ImageSubject IMAGE = new ImageSubject(List.of("web"), "example/web:1.4", ID,
            List.of("example/web@sha256:" + "b".repeat(64)), ID, List.of("example/web@sha256:" + "b".repeat(64)));
    /** A trimmed CycloneDX SBOM as cdxgen writes it for a busybox image. */
    private static final String SBOM = """
            {"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"tools":{"components":[{"name":"trivy"},\
            {"name":"cdxgen"}]}},"components":[{"name":"busybox","version":"1.36.1-r2","purl":"pkg:apk/alpine/busybox@1.36.1-r2"}]}""";
    /** grype -o json sbom:FILE, trimmed to what lpm reads. */
    private static final String GRYPE = """
            {"matches":[{"vulnerability":{"id":"CVE-2022-48174","severity":"Critical"},"artifact":{"name":"busybox"}},
            {"vulnerability":{"id":"CVE-2023-42363","severity":"Medium"},"artifact":{"name":"busybox"}},
            {"vulnerability":{"id":"CVE-2023-42366","severity":"Medium"},"artifact":{"name":"busybox"}}]}""";
    /** trivy sbom --format json FILE, trimmed. */
    private static final String TRIVY = """
            {"SchemaVersion":2,"ArtifactType":"cyclonedx","Results":[{"Target":"sbom","Vulnerabilities":[
            {"VulnerabilityID":"CVE-2023-42364","Severity":"LOW"}]}]}""";

    @Test
    void grypeOnTheStoredSbomCountsAndACriticalIsAHighFinding(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        SbomStore store = store(dir, bin);
        Path sbom = stored(store);
        StandIns.write(bin, "grype", "--quiet -o json sbom:" + sbom, GRYPE, "", 0);

        AuditReport.ContainerFindings group = audit(store, bin);

        assertThat(group.container()).isEqualTo("image example/web:1.4");
        assertThat(group.facts()).contains("SBOM: " + sbom + " (CycloneDX, 1 component, by cdxgen; stored earlier"
                + " for this image id)", "vulnerabilities: grype on the SBOM of example/web:1.4: 1 critical, 2 medium");
        Finding f = group.findings().stream().filter(x -> x.id().equals("image-vulnerable")).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.seen()).isEqualTo("grype on the SBOM of example/web:1.4: 1 critical, 2 medium");
        assertThat(f.fix()).contains("grype --quiet -o json sbom:" + sbom);
    }

    @Test
    void trivyOnTheStoredSbomWithOnlyLowIsAFactNoFinding(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        SbomStore store = store(dir, bin);
        Path sbom = stored(store);
        StandIns.write(bin, "trivy", "sbom --quiet --format json " + sbom, TRIVY, "", 0);

        AuditReport.ContainerFindings group = audit(store, bin);

        assertThat(group.facts()).contains("vulnerabilities: trivy on the SBOM of example/web:1.4: 1 low");
        assertThat(group.findings()).extracting(Finding::id).doesNotContain("image-vulnerable", "image-not-scanned");
    }

    @Test
    void withoutAScannerTheSbomIsStillMadeAndTheMissingScanIsSaid(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        SbomStore store = store(dir, bin);
        stored(store);
        Finding f = audit(store, bin).findings().stream().filter(x -> x.id().equals("image-not-scanned")).findFirst()
                .orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.fix()).contains("install grype or trivy");
    }

    @Test
    void aGeneratorThatFailsLeavesNothingStoredAndIsAFinding(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        SbomStore store = store(dir, bin);
        Path out = dir.resolve("sbom");
        // syft's answer for an image the engine does not have (its arguments are checked up to the output file).
        Path syft = bin.resolve("syft");
        Files.writeString(syft, "#!/bin/sh\n[ \"$1 $2 $3\" = 'docker:example/web:1.4 --quiet -o' ] || exit 2\n"
                + "echo 'could not fetch image \"example/web:1.4\": unable to use DockerDaemon source' >&2\nexit 1\n");
        Files.setPosixFilePermissions(syft, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));

        Finding f = audit(store, bin).findings().stream().filter(x -> x.id().equals("image-no-sbom")).findFirst()
                .orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.seen()).isEqualTo("the SBOM could not be made: syft failed on example/web:1.4 (exit 1): could"
                + " not fetch image \"example/web:1.4\": unable to use DockerDaemon source");
        try (var files = Files.list(out)) {
            assertThat(files.toList()).as("no partial SBOM kept").isEmpty();
        }
    }

    @Test
    void withoutAGeneratorNorAStoredSbomItSaysWhatToInstall(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Finding f = audit(store(dir, bin), bin).findings().stream().filter(x -> x.id().equals("image-no-sbom"))
                .findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.fix()).contains("syft").contains("trivy").contains("npm install -g @cyclonedx/cdxgen");
    }

    private static SbomStore store(Path dir, Path bin) {
        return new SbomStore(dir.resolve("sbom"), new Tools(bin.toString()), Duration.ofSeconds(30));
    }

    private static Path stored(SbomStore store) throws Exception {
        Path file = store.fileFor(ID);
        Files.createDirectories(file.getParent());
        Files.writeString(file, SBOM);
        return file;
    }

    private static AuditReport.ContainerFindings audit(SbomStore store, Path bin) {
        // docker is absent from bin: the signature part says it cannot check, which these tests do not look at.
        return new ImageAudit(new SignatureCheck(new Tools(bin.toString()), SignaturePolicy.NONE, Duration.ofSeconds(30)),
                store, new Scanners(bin.toString(), Duration.ofSeconds(30))).audit(IMAGE);
    }
}
