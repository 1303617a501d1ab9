package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.Requirements;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Isolated mode as a user meets it: {@code lpm register --isolated} runs the container on the internal
 * network lpm-isolated with nothing published, serves it through the proxy (and 127.0.0.1:{port}), and
 * {@code lpm stop} frees the port and removes the container.
 */
class IsolatedIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NETWORK = "lpm-isolated";
    private static final String WEB = "docker run --name lpmtest-iso-web-{port} -p {port}:80 lpm/busybox:test"
            + " httpd -f -p 80 -h /www";

    @TempDir
    Path home;

    LpmCli lpm;
    boolean networkExisted;

    @BeforeEach
    void setUp() throws Exception {
        Requirements.requireDockerEngine();
        Process image = new ProcessBuilder("bin/docker-test-image").inheritIO().start();
        assertThat(image.waitFor(120, TimeUnit.SECONDS) && image.exitValue() == 0).as("bin/docker-test-image").isTrue();
        networkExisted = !docker("network", "ls", "-q", "--filter", "name=^" + NETWORK + "$").isBlank();
        lpm = new LpmCli(home);
    }

    @AfterEach
    void tearDown() throws Exception {
        lpm.close();
        String ids = docker("ps", "-aq", "--filter", "name=lpmtest-iso-").strip();
        if (!ids.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f"));
            rm.addAll(List.of(ids.split("\\s+")));
            docker(rm.toArray(String[]::new));
        }
        if (!networkExisted) {
            docker("network", "rm", NETWORK); // fails harmlessly if another user's container is on it
        }
    }

    @Test
    void anIsolatedServiceIsServedThroughLpmOnlyAndStopRemovesEverything() throws Exception {
        LpmCli.Result registered = lpm.run("register", "--isolated", "lpmtest-iso-web", WEB);
        assertThat(registered.exit()).as(registered.toString()).isZero();
        int port = service("lpmtest-iso-web").get("port").asInt();
        String container = "lpmtest-iso-web-" + port;
        assertThat(registered.out()).contains("--network lpm-isolated").doesNotContain("-p " + port);
        assertThat(service("lpmtest-iso-web").get("state").asText()).isEqualTo("running");

        assertThat(throughProxy("lpmtest-iso-web")).isEqualTo("hello from lpm\n");
        assertThat(get("http://127.0.0.1:" + port + "/")).isEqualTo("hello from lpm\n");

        // Nothing is published: docker maps no port, and only lpm's forwarder listens, on 127.0.0.1.
        assertThat(docker("port", container).strip()).isEmpty();
        assertThat(docker("inspect", "-f", "{{json .HostConfig.PortBindings}}", container).strip()).isIn("{}", "null");
        assertThat(docker("inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}", container)
                .strip()).isEqualTo(NETWORK);
        assertThat(docker("network", "inspect", "-f", "{{.Internal}}", NETWORK).strip()).isEqualTo("true");
        // (Java's NIO socket is dual-stack: ss spells its 127.0.0.1 as the mapped ::ffff:127.0.0.1.)
        assertThat(listeners(port)).singleElement().isIn("127.0.0.1:" + port, "[::ffff:127.0.0.1]:" + port);

        LpmCli.Result stopped = lpm.run("stop", "lpmtest-iso-web");
        assertThat(stopped.exit()).as(stopped.toString()).isZero();
        assertThat(accepts(port)).as("the forwarder is closed").isFalse();
        assertThat(docker("ps", "-aq", "--filter", "name=^" + container + "$").strip()).as("container removed").isEmpty();

        // Started again, it is served again (the stale-container and port checks do not get in the way).
        assertThat(lpm.run("start", "lpmtest-iso-web").exit()).isZero();
        assertThat(throughProxy("lpmtest-iso-web")).isEqualTo("hello from lpm\n");
        assertThat(lpm.run("unregister", "lpmtest-iso-web").exit()).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(accepts(port)).isFalse());
        assertThat(docker("ps", "-aq", "--filter", "name=^" + container + "$").strip()).isEmpty();
    }

    @Test
    void anIsolatedServiceWithoutAPortToForwardIsRefusedWithWhatToWrite() throws Exception {
        LpmCli.Result refused = lpm.run("register", "--isolated", "lpmtest-iso-bare",
                "docker run --name lpmtest-iso-bare lpm/busybox:test httpd -f -p 80 -h /www");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("add -p {port}:CONTAINERPORT");
    }

    private JsonNode service(String name) throws IOException {
        for (JsonNode node : JSON.readTree(lpm.run("list", "--json").out())) {
            if (node.get("name").asText().equals(name)) {
                return node;
            }
        }
        throw new AssertionError(name + " is not registered");
    }

    private String throughProxy(String name) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lpm.proxyPort() + "/"))
                    .header("Host", name + ".localhost").build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private static String get(String url) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Local addresses listening on TCP {@code port}, from ss. */
    private static List<String> listeners(int port) throws Exception {
        Process p = new ProcessBuilder("ss", "-Hltn", "sport = :" + port).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        return out.lines().map(l -> l.trim().split("\\s+")).filter(f -> f.length >= 4).map(f -> f[3]).toList();
    }

    private static String docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
