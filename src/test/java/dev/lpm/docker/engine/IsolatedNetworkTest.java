package dev.lpm.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.proxy.TcpForwarder;
import dev.lpm.testsupport.NetworkNamespace;
import dev.lpm.testsupport.NetworkNamespaceExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The isolation itself, against the real engine: a container on the internal network publishes nothing,
 * cannot reach out, is reachable from this host only through lpm's loopback forwarder, and another
 * machine on the network (a namespace) reaches it neither at the host's address nor by routing to the
 * container's address through this host. Uses its own network {@code lpmtest-iso-net-*}, so it proves
 * {@link IsolatedNetwork} without touching the product's {@code lpm-isolated}.
 */
class IsolatedNetworkTest {

    private static final Duration CONNECT = Duration.ofSeconds(2);

    @RegisterExtension
    final NetworkNamespaceExtension attacker = NetworkNamespaceExtension.withVethToHost("isoatk");

    private final String networkName = "lpmtest-iso-net-" + Long.toString(System.nanoTime(), 36);
    private final String container = "lpmtest-iso-web-" + Long.toString(System.nanoTime(), 36);
    private DockerGateway gateway;
    private TcpForwarder forwarder;

    @BeforeAll
    static void engine() {
        TestContainers.requireEngineAndImage();
    }

    @BeforeEach
    void connect() {
        gateway = DockerGateway.fromEnvironment();
    }

    @AfterEach
    void cleanUp() {
        if (forwarder != null) {
            forwarder.close();
        }
        TestContainers.docker("rm", "-f", container);
        // By id: should a race leave duplicates, a name would be ambiguous.
        for (String id : TestContainers.docker("network", "ls", "-q", "--filter", "name=^" + networkName + "$").lines()
                .toList()) {
            TestContainers.docker("network", "rm", id);
        }
        gateway.close();
    }

    @Test
    void ensureIsIdempotentAndConcurrentSafeAndMakesAnInternalNetwork() throws Exception {
        IsolatedNetwork network = new IsolatedNetwork(gateway, networkName);
        Thread[] threads = new Thread[4];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < threads.length; i++) {
            // Separate gateways and IsolatedNetworks: like separate lpm instances racing, not just threads.
            threads[i] = Thread.ofVirtual().start(() -> {
                try (DockerGateway own = DockerGateway.fromEnvironment()) {
                    new IsolatedNetwork(own, networkName).ensure();
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        network.ensure();
        assertThat(failure.get()).isNull();
        assertThat(TestContainers.docker("network", "ls", "-q", "--filter", "name=^" + networkName + "$").lines())
                .hasSize(1);
        assertThat(TestContainers.docker("network", "inspect", "-f", "{{.Internal}}", networkName)).isEqualTo("true");
    }

    @Test
    void aNetworkOfThatNameThatIsNotInternalIsRefused() {
        TestContainers.docker("network", "create", networkName);
        IsolatedNetwork network = new IsolatedNetwork(gateway, networkName);
        org.assertj.core.api.Assertions.assertThatThrownBy(network::ensure)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not internal");
    }

    @Test
    void theContainerIsReachableOnlyThroughTheLoopbackForwarder() throws Exception {
        NetworkNamespace ns = attacker.get();
        IsolatedNetwork network = new IsolatedNetwork(gateway, networkName);
        network.ensure();
        int port = freeLoopbackPort();
        // What the policy makes of `docker run -p {port}:80 ...`: no -p, on the internal network.
        TestContainers.docker("run", "-d", "--rm", "--name", container, "--network", networkName,
                TestContainers.IMAGE, "httpd", "-f", "-p", "80", "-h", "/www");
        InetSocketAddress address = await().atMost(Duration.ofSeconds(15))
                .until(() -> network.address(container, 80).orElse(null), a -> a != null);
        await().atMost(Duration.ofSeconds(15)).until(() -> canConnect(address));

        forwarder = TcpForwarder.open(port, address);
        assertThat(forwarder.localAddress().getAddress().isLoopbackAddress()).isTrue();
        for (int i = 0; i < 3; i++) { // several connections: each gets its own relay
            assertThat(get("http://127.0.0.1:" + port + "/")).isEqualTo("hello from lpm\n");
        }

        assertThat(TestContainers.docker("port", container)).isEmpty();
        // No route out: not even to this host's address on the veth (a listener there is the control).
        try (ServerSocket hostListener = new ServerSocket(0, 50, java.net.InetAddress.getByName(ns.hostAddress()))) {
            assertThat(ns.canConnect(ns.hostAddress(), hostListener.getLocalPort(), CONNECT)).as("control").isTrue();
            String out = execIn("wget", "-q", "-T", "2", "-O", "-", "http://" + ns.hostAddress() + ":"
                    + hostListener.getLocalPort() + "/");
            assertThat(out).contains("FAILED");
        }
        // Another machine: nothing at the host's address on {port}, and no way in routing to the container.
        assertThat(ns.canConnect(ns.hostAddress(), port, CONNECT)).isFalse();
        String subnet = address.getAddress().getHostAddress();
        assertThat(ns.exec("ip", "route", "add", subnet + "/32", "via", ns.hostAddress()).ok()).isTrue();
        assertThat(ns.canConnect(subnet, 80, CONNECT)).isFalse();

        forwarder.close();
        forwarder = null;
        // The listener closes at once; the event loop finishes shutting down a moment later.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(canConnect(new InetSocketAddress("127.0.0.1", port))).as("port freed").isFalse());
    }

    private String execIn(String... command) {
        String[] full = new String[command.length + 2];
        full[0] = "exec";
        full[1] = container;
        System.arraycopy(command, 0, full, 2, command.length);
        try {
            return TestContainers.docker(full);
        } catch (IllegalStateException e) {
            return "FAILED: " + e.getMessage();
        }
    }

    private static boolean canConnect(InetSocketAddress address) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(address, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String get(String url) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
