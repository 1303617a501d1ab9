package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.Requirements;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Docker service's container goes when the service stops, even one that ignores SIGTERM. */
class DockerServiceIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    LpmCli lpm;

    @BeforeEach
    void setUp() throws Exception {
        Requirements.requireDockerEngine();
        Process image = new ProcessBuilder("bin/docker-test-image").inheritIO().start();
        assertThat(image.waitFor(120, TimeUnit.SECONDS) && image.exitValue() == 0).isTrue();
        lpm = new LpmCli(home);
    }

    @AfterEach
    void tearDown() throws Exception {
        lpm.close();
        String ids = docker("ps", "-aq", "--filter", "name=lpmtest-dsvc-").strip();
        if (!ids.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f"));
            rm.addAll(List.of(ids.split("\\s+")));
            docker(rm.toArray(String[]::new));
        }
    }

    @Test
    void aContainerThatIgnoresSigtermDoesNotOutliveItsService() throws Exception {
        // busybox httpd runs as PID 1 in the container and ignores SIGTERM: the docker CLI that lpm
        // supervises is killed after the grace period, and the container would keep running.
        LpmCli.Result registered = lpm.run("register", "lpmtest-stubborn",
                "docker run --name lpmtest-dsvc-{port} -p {port}:80 lpm/busybox:test httpd -f -p 80 -h /www");
        assertThat(registered.exit()).as(registered.toString()).isZero();
        int port = service("lpmtest-stubborn").get("port").asInt();
        assertThat(docker("inspect", "-f", "{{index .Config.Labels \"dev.lpm.service\"}}", "lpmtest-dsvc-" + port).strip())
                .isEqualTo("lpmtest-stubborn");

        assertThat(lpm.run(Duration.ofSeconds(90), "stop", "lpmtest-stubborn").exit()).isZero();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                docker("inspect", "-f", "{{.State.Running}}", "lpmtest-dsvc-" + port).strip()).isEqualTo("false"));
        assertThat(portIsFree(port)).as("port %d is free after stop", port).isTrue();
    }

    private JsonNode service(String name) throws IOException {
        for (JsonNode node : JSON.readTree(lpm.run("list", "--json").out())) {
            if (node.get("name").asText().equals(name)) {
                return node;
            }
        }
        throw new AssertionError(name + " is not registered");
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}
