package dev.lpm.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.ServiceState;
import dev.lpm.testsupport.NetworkNamespace;
import dev.lpm.testsupport.NetworkNamespaceExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another machine on the network (a namespace joined to this host by a veth pair) cannot reach the
 * proxy through the host's network address, while a server listening everywhere on the same host is
 * reachable over the same path (so the refusal is the proxy's binding, not a broken link).
 */
class ProxyReachabilityTest {

    private static final Duration CONNECT = Duration.ofSeconds(2);

    @RegisterExtension
    final NetworkNamespaceExtension attacker = NetworkNamespaceExtension.withVethToHost("proxy");

    @TempDir
    Path dir;

    @Test
    void theProxyIsNotReachableFromTheNetwork() throws IOException {
        NetworkNamespace ns = attacker.get();
        try (ProxyHarness harness = new ProxyHarness(dir); TestBackend api = new TestBackend();
             ServerSocket everywhere = new ServerSocket()) {
            harness.route("api", api.port(), ServiceState.RUNNING);
            everywhere.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));

            assertThat(ns.canConnect(ns.hostAddress(), everywhere.getLocalPort(), CONNECT)).as("control").isTrue();
            assertThat(ns.canConnect(ns.hostAddress(), harness.port(), CONNECT)).isFalse();
            // ... while on this machine it serves as usual.
            assertThat(harness.raw("GET / HTTP/1.1\r\nHost: api.localhost\r\nConnection: close\r\n\r\n", CONNECT))
                    .startsWith("HTTP/1.1 200");
        }
    }
}
