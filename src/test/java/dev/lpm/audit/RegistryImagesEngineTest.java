package dev.lpm.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.audit.images.ImageSubject;
import dev.lpm.audit.images.ImageSubjects;
import dev.lpm.audit.images.SignatureCheck;
import dev.lpm.audit.images.SignaturePolicy;
import dev.lpm.audit.scan.Tools;
import dev.lpm.core.Finding;
import dev.lpm.core.Severity;
import dev.lpm.docker.engine.DockerGateway;
import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.Requirements;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The signature check on an image that came from a registry (it has a RepoDigest): Debian's registry
 * (docker-registry) on a loopback port, the busybox test image pushed to it. It has no Content Trust data, so
 * docker trust finds no signature: {@code image-unsigned}, live. A configured cosign key without cosign says
 * so. (A signed image would need a notary server or cosign, neither of which is installable here: the passing
 * side is in SignatureCheckTest, on recorded answers.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryImagesEngineTest {

    private TestContainers containers;
    private DockerGateway api;
    private Path dir;
    private Process registry;
    private String pushed;
    private String container;

    @BeforeAll
    void pushToALocalRegistry() throws Exception {
        containers = TestContainers.open();
        Requirements.requireCommand("docker-registry", "docker-registry");
        try {
            int port = LpmCli.freePort();
            dir = Files.createTempDirectory("lpmtest-registry-");
            Files.writeString(dir.resolve("config.yml"), "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: "
                    + dir.resolve("data") + "\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
            registry = new ProcessBuilder(Requirements.which("docker-registry").toString(), "serve",
                    dir.resolve("config.yml").toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("registry.log").toFile()).start();
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            // The engine trusts a registry on 127.0.0.0/8 over plain HTTP without configuration.
            pushed = "127.0.0.1:" + port + "/lpmtest-6-signed-"
                    + Integer.toString(new SecureRandom().nextInt(1 << 20) | (1 << 20), 36) + ":v1";
            assertThat(TestContainers.docker("tag", TestContainers.IMAGE, pushed).ok()).isTrue();
            TestContainers.Result push = TestContainers.docker("push", pushed);
            assertThat(push.ok()).as(push.output()).isTrue();
            container = containers.startImage("fromregistry", pushed, "sleep", "3600");
            api = DockerGateway.fromEnvironment();
        } catch (Exception | Error e) {
            removeAll();
            throw e;
        }
    }

    @AfterAll
    void removeAll() throws IOException {
        if (containers != null) {
            containers.close();
        }
        if (pushed != null) {
            TestContainers.docker("rmi", "-f", pushed);
        }
        if (registry != null) {
            registry.destroy();
            try {
                registry.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void anImageFromARegistryWithoutContentTrustDataIsUnsigned() {
        ImageSubject image = subject();
        assertThat(image.runningDigests()).singleElement().asString()
                .startsWith(pushed.substring(0, pushed.lastIndexOf(':')) + "@sha256:");
        Finding f = new SignatureCheck(Tools.fromEnvironment(), SignaturePolicy.NONE, Duration.ofSeconds(60))
                .check(image).finding().orElseThrow();
        assertThat(f.id()).isEqualTo("image-unsigned");
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.container()).isEqualTo("image " + pushed);
        assertThat(f.seen()).startsWith("docker trust inspect " + pushed + " found no signed tag")
                .contains("no signatures or cannot access " + pushed);
    }

    @Test
    void aCosignKeyWithoutCosignInstalledSaysToInstallIt() {
        Requirements.require(Requirements.which("cosign") == null, "is about a machine without cosign");
        Finding f = new SignatureCheck(Tools.fromEnvironment(), new SignaturePolicy("/nonexistent/cosign.pub", "", ""),
                Duration.ofSeconds(60)).check(subject()).finding().orElseThrow();
        assertThat(f.id()).isEqualTo("image-signature-unchecked");
        assertThat(f.seen()).isEqualTo("cosign key /nonexistent/cosign.pub is configured, but cosign is not on the"
                + " PATH");
    }

    private ImageSubject subject() {
        List<ImageSubject> subjects = ImageSubjects.running(api);
        return subjects.stream().filter(s -> s.containers().contains(container)).findFirst()
                .orElseThrow(() -> new AssertionError(container + " not among " + subjects));
    }
}
