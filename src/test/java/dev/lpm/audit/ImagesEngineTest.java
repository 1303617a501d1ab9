package dev.lpm.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.audit.images.ImageAudit;
import dev.lpm.audit.images.ImageSubject;
import dev.lpm.audit.images.ImageSubjects;
import dev.lpm.audit.images.SbomGenerator;
import dev.lpm.audit.images.SbomStore;
import dev.lpm.audit.images.SignatureCheck;
import dev.lpm.audit.images.SignaturePolicy;
import dev.lpm.audit.images.TagDriftCheck;
import dev.lpm.audit.scan.Scanners;
import dev.lpm.audit.scan.Tools;
import dev.lpm.core.Finding;
import dev.lpm.core.Severity;
import dev.lpm.docker.engine.DockerGateway;
import dev.lpm.storage.Json;
import dev.lpm.testsupport.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lpm audit --images} on the real engine: a container whose tag was moved to a new image after it
 * started (docker commit takes the tag) drifts, one whose tag still names its image does not; an image imported
 * here has no registry digest, so no signature can be checked; the SBOM is made by the real cdxgen (from the npm
 * registry) once per image id and reused while that id runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImagesEngineTest {

    private final String tag = "lpmtest-6-drift-" + Integer.toString(new SecureRandom().nextInt(1 << 20) | (1 << 20), 36)
            + ":v";
    private TestContainers containers;
    private DockerGateway api;
    private String drifter;
    private String steady;
    private String oldId;

    @BeforeAll
    void startContainers() {
        containers = TestContainers.open();
        try {
            assertThat(TestContainers.docker("tag", TestContainers.IMAGE, tag).ok()).isTrue();
            oldId = TestContainers.docker("image", "inspect", "--format", "{{.Id}}", tag).output().strip();
            drifter = containers.startImage("drifter", tag, "sleep", "3600");
            steady = containers.sleeper("steady");
            api = DockerGateway.fromEnvironment();
        } catch (RuntimeException | Error e) {
            removeAll();
            throw e;
        }
    }

    @AfterAll
    void removeAll() {
        if (containers != null) {
            containers.close();
        }
        TestContainers.docker("rmi", "-f", tag);
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aContainerWhoseTagMovedDriftsAndOneWhoseTagStayedDoesNot() {
        // The drifter runs the test image under the tag; then a commit of the steady container takes the tag.
        assertThat(TagDriftCheck.check(subjectOf(drifter))).as("before the tag moves").isEmpty();
        TestContainers.Result commit = TestContainers.docker("commit", steady, tag);
        assertThat(commit.ok()).as(commit.output()).isTrue();
        String newId = commit.output().strip();
        assertThat(newId).isNotEqualTo(oldId);

        ImageSubject moved = subjectOf(drifter);
        assertThat(moved.ref()).isEqualTo(tag);
        assertThat(moved.runningId()).isEqualTo(oldId);
        assertThat(moved.tagId()).isEqualTo(newId);
        Finding drift = TagDriftCheck.check(moved).orElseThrow();
        assertThat(drift.id()).isEqualTo("image-tag-drift");
        assertThat(drift.container()).isEqualTo("image " + tag);
        assertThat(drift.seen()).isEqualTo(drifter + " runs " + ImageSubject.shortId(oldId) + ", but the tag " + tag
                + " now names " + ImageSubject.shortId(newId) + ": pulled or built after the container started");
        assertThat(drift.why()).isNotEmpty();
        assertThat(drift.fix()).contains("--force-recreate").contains("@sha256:");

        assertThat(TagDriftCheck.check(subjectOf(steady))).isEmpty();
    }

    @Test
    void anImageImportedHereHasNoSignatureToCheck() {
        ImageSubject image = subjectOf(steady);
        assertThat(image.runningDigests()).as("docker import gives no registry digest").isEmpty();
        Finding f = new SignatureCheck(Tools.fromEnvironment(), SignaturePolicy.NONE, Duration.ofSeconds(60))
                .check(image).finding().orElseThrow();
        assertThat(f.id()).isEqualTo("image-signature-unchecked");
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.seen()).endsWith("has no registry digest (built or imported on this machine): there is no"
                + " published signature to check");
        assertThat(f.fix()).contains("cosign sign").contains("--cosign-key");
    }

    @Test
    void theSbomIsMadeOncePerImageIdByTheInstalledCdxgenAndThenReused(@TempDir Path home) throws Exception {
        Path cdxgen = Requirements.which("cdxgen");
        Requirements.require(cdxgen != null, "needs cdxgen: npm install -g @cyclonedx/cdxgen (.ci/run does)");
        Tools tools = new Tools(cdxgen.getParent() + ":" + System.getenv("PATH"));
        SbomStore store = new SbomStore(home.resolve("sbom"), tools, Duration.ofMinutes(5));
        ImageSubject image = subjectOf(steady);
        SbomGenerator generator = store.generator().orElseThrow();
        assertThat(generator).as("syft and trivy are not installed here").isEqualTo(SbomGenerator.CDXGEN);

        SbomStore.Sbom made = store.ensure(image, generator);
        assertThat(made.reused()).isFalse();
        assertThat(made.madeBy()).isEqualTo("cdxgen");
        assertThat(made.file()).isEqualTo(home.resolve("sbom").resolve(image.runningId().substring(7) + ".cdx.json"));
        JsonNode bom = Json.mapper().readTree(made.file().toFile());
        assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(bom.path("metadata").path("properties").findValuesAsText("value")).as("of this image")
                .contains(image.runningId());
        assertThat(made.components()).isPositive();
        assertThat(bom.path("components").findValuesAsText("name")).contains("busybox");

        FileTime written = Files.getLastModifiedTime(made.file());
        SbomStore.Sbom again = store.ensure(image, generator);
        assertThat(again.reused()).isTrue();
        assertThat(again.madeBy()).isEqualTo("cdxgen");
        assertThat(again.components()).isEqualTo(made.components());
        assertThat(Files.getLastModifiedTime(made.file())).isEqualTo(written);
        try (var files = Files.list(home.resolve("sbom"))) {
            assertThat(files.toList()).as("no partial file left").containsExactly(made.file());
        }

        // The whole image audit: the SBOM is a fact, and with no grype or trivy the scan is said missing.
        AuditReport.ContainerFindings group = new ImageAudit(
                new SignatureCheck(tools, SignaturePolicy.NONE, Duration.ofSeconds(60)), store,
                new Scanners(tools.path(), Duration.ofMinutes(5))).audit(image);
        assertThat(group.container()).isEqualTo("image " + TestContainers.IMAGE);
        assertThat(group.facts()).anyMatch(fact -> fact.startsWith("SBOM: " + made.file() + " (CycloneDX, "
                + made.components() + " component" + (made.components() == 1 ? "" : "s")
                + ", by cdxgen; stored earlier for this image id)"));
        assertThat(group.findings()).extracting(Finding::id).contains("image-signature-unchecked", "image-not-scanned")
                .doesNotContain("image-tag-drift", "image-no-sbom");
    }

    private ImageSubject subjectOf(String container) {
        return ImageSubjects.running(api).stream().filter(s -> s.containers().contains(container)).findFirst()
                .orElseThrow(() -> new AssertionError(container + " is not among the running containers' images"));
    }
}
