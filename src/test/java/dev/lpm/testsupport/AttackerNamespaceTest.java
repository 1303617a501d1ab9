package dev.lpm.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The product's core guarantee, shown with real sockets: another machine on the network (here a
 * namespace joined to this host by a veth pair) reaches what listens on all interfaces, and does not
 * reach what listens on loopback only. The template for the proxy, VPN and Docker tests: start the
 * thing on the host, then ask {@code attacker.get().canConnect(attacker.get().hostAddress(), port, ...)}.
 * Every connection attempt goes from the namespace to the host's end of the pair, nowhere else.
 */
class AttackerNamespaceTest {

    private static final Duration CONNECT = Duration.ofSeconds(2);

    @RegisterExtension
    final NetworkNamespaceExtension attacker = NetworkNamespaceExtension.withVethToHost("attacker");

    private final HostProcesses host = new HostProcesses();

    @AfterEach
    void stopHostProcesses() {
        host.close();
    }

    @Test
    void aServerOnAllInterfacesIsReachableFromTheAttacker() throws IOException {
        NetworkNamespace ns = attacker.get();
        try (ServerSocket everywhere = listen("0.0.0.0")) {
            assertThat(ns.canConnect(ns.hostAddress(), everywhere.getLocalPort(), CONNECT)).isTrue();
        }
    }

    @Test
    void aServerOnLoopbackIsNotReachableFromTheAttacker() throws IOException {
        NetworkNamespace ns = attacker.get();
        try (ServerSocket loopback = listen("127.0.0.1"); ServerSocket everywhere = listen("0.0.0.0")) {
            // Control: the path works, so the refusal below is the binding's doing, not a broken veth.
            assertThat(ns.canConnect(ns.hostAddress(), everywhere.getLocalPort(), CONNECT)).isTrue();

            assertThat(ns.canConnect(ns.hostAddress(), loopback.getLocalPort(), CONNECT)).isFalse();
            // The attacker's own 127.0.0.1 is its own loopback, not this host's.
            assertThat(ns.canConnect("127.0.0.1", loopback.getLocalPort(), CONNECT)).isFalse();
        }
    }

    @Test
    void anHttpServerOnTheHostsNetworkAddressIsReachableAndOneOnLoopbackIsNot() {
        NetworkNamespace ns = attacker.get();
        int exposedPort = HostProcesses.freePort(ns.hostAddress());
        int privatePort = HostProcesses.freePort("127.0.0.1");
        host.httpServer(ns.hostAddress(), exposedPort);
        host.httpServer("127.0.0.1", privatePort);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                HostProcesses.accepts(ns.hostAddress(), exposedPort, CONNECT)
                        && HostProcesses.accepts("127.0.0.1", privatePort, CONNECT));

        assertThat(ns.canConnect(ns.hostAddress(), exposedPort, CONNECT)).isTrue();
        assertThat(ns.canConnect(ns.hostAddress(), privatePort, CONNECT)).isFalse();
    }

    private static ServerSocket listen(String address) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        return socket;
    }
}
