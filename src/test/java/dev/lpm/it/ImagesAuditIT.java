package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.Requirements;
import dev.lpm.testsupport.UserInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code lpm audit --images} through the packaged jar, as a normal user in the docker group with an LPM_HOME
 * of its own, on a container of the busybox test image: the real cdxgen (from the npm registry) makes the SBOM
 * under that home on the first run, the second run reuses it; the image, imported here, has no signature to
 * check, which is said with the fix. Bad cosign options are a usage error.
 */
class ImagesAuditIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE = "lpm/busybox:test";

    @Test
    void aUserAuditsTheRunningImagesAndTheSbomIsMadeOnceUnderItsHome() throws Exception {
        Requirements.requireDockerEngine();
        Requirements.require(Requirements.which("cdxgen") != null,
                "needs cdxgen: npm install -g @cyclonedx/cdxgen (.ci/run does)");
        String suffix = Integer.toString(new SecureRandom().nextInt(1 << 20) | (1 << 20), 36);
        String container = "lpmtest-images-" + suffix;
        try (UserInstance user = UserInstance.create("lpmtest-img-" + suffix)) {
            docker(Path.of("bin/docker-test-image").toAbsolutePath().toString()); // does nothing when it exists
            docker("run", "-d", "--name", container, IMAGE, "sleep", "3600");
            try {
                String id = docker("inspect", "--format", "{{.Image}}", container).strip();
                Path sbom = user.home().resolve("sbom").resolve(id.substring("sha256:".length()) + ".cdx.json");

                LpmCli.Result first = user.cli().run(Duration.ofMinutes(5), "audit", "--images", "--json");
                assertThat(first.exit()).as(first.toString()).isIn(0, 3);
                JsonNode group = group(JSON.readTree(first.out()));
                assertThat(texts(group.path("facts"))).anyMatch(f -> f.startsWith("run by ") && f.contains(container))
                        .contains("SBOM: " + sbom + " (CycloneDX, 1 component, by cdxgen; new)");
                assertThat(Files.isRegularFile(sbom)).as("the SBOM under the user's LPM_HOME").isTrue();
                JsonNode unchecked = finding(group, "image-signature-unchecked");
                assertThat(unchecked.path("seen").asText()).endsWith("has no registry digest (built or imported on"
                        + " this machine): there is no published signature to check");
                assertThat(unchecked.path("fix").asText()).contains("--cosign-key");
                assertThat(ids(group)).doesNotContain("image-tag-drift", "image-no-sbom");

                LpmCli.Result second = user.cli().run(Duration.ofMinutes(5), "audit", "--images");
                assertThat(second.exit()).as(second.toString()).isIn(0, 3);
                assertThat(second.out()).contains("image " + IMAGE + ": ")
                        .contains("  - SBOM: " + sbom + " (CycloneDX, 1 component, by cdxgen; stored earlier for"
                                + " this image id)")
                        .contains("[low] image-signature-unchecked").contains("      fix:  ");
            } finally {
                docker("rm", "-f", container);
            }

            LpmCli.Result bad = user.cli().run(Duration.ofSeconds(60), "audit", "--images", "--cosign-identity",
                    "me@example.org");
            assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
            assertThat(bad.err()).contains("a keyless identity needs its OIDC issuer");
        }
    }

    private static JsonNode group(JsonNode report) {
        for (JsonNode g : report.path("containers")) {
            if (g.path("container").asText().equals("image " + IMAGE)) {
                return g;
            }
        }
        throw new AssertionError("no group 'image " + IMAGE + "' in " + report);
    }

    private static JsonNode finding(JsonNode group, String id) {
        for (JsonNode f : group.path("findings")) {
            if (f.path("id").asText().equals(id)) {
                return f;
            }
        }
        throw new AssertionError("no " + id + " in " + group);
    }

    private static List<String> ids(JsonNode group) {
        List<String> ids = new ArrayList<>();
        group.path("findings").forEach(f -> ids.add(f.path("id").asText()));
        return ids;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (!args[0].startsWith("/")) {
            command.add("docker");
        }
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
