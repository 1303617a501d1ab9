package dev.lpm.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.lpm.core.PortExposure;
import dev.lpm.core.PortExposure.Reach;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Real sockets on ephemeral ports, read back from the kernel's table. */
class ListeningSocketsTest {

    @Test
    void aSocketOnTheIpv4WildcardListensOnAllInterfaces() throws IOException {
        assumeLinux();
        try (ServerSocket server = listen("0.0.0.0")) {
            PortExposure exposure = ListeningSockets.read().exposureOf(server.getLocalPort()).orElseThrow();

            assertThat(exposure.reach()).isEqualTo(Reach.ALL_INTERFACES);
            assertThat(exposure.beyondLoopback()).isTrue();
            // Java opens an IPv6 socket where it can: the kernel lists it as :: or ::ffff:0.0.0.0 (0.0.0.0).
            assertThat(exposure.beyondLoopbackAddresses()).singleElement().isIn("0.0.0.0", "::");
        }
    }

    @Test
    void aSocketOnIpv4LoopbackListensOnLoopbackOnly() throws IOException {
        assumeLinux();
        try (ServerSocket server = listen("127.0.0.1")) {
            PortExposure exposure = ListeningSockets.read().exposureOf(server.getLocalPort()).orElseThrow();

            assertThat(exposure).isEqualTo(new PortExposure(Reach.LOOPBACK, java.util.List.of("127.0.0.1")));
            assertThat(exposure.beyondLoopback()).isFalse();
        }
    }

    @Test
    void aSocketOnIpv6LoopbackListensOnLoopbackOnly() throws IOException {
        assumeLinux();
        assumeThat(LoopbackPortProbe.hasIpv6Loopback()).as("::1 exists").isTrue();
        try (ServerSocket server = listen("::1")) {
            PortExposure exposure = ListeningSockets.read().exposureOf(server.getLocalPort()).orElseThrow();

            assertThat(exposure).isEqualTo(new PortExposure(Reach.LOOPBACK, java.util.List.of("::1")));
        }
    }

    @Test
    void aSocketOnThisMachinesNetworkAddressListensOnThatAddress() throws IOException {
        assumeLinux();
        Optional<InetAddress> lan = nonLoopbackIpv4Address();
        assumeThat(lan).as("an interface with a non-loopback IPv4 address").isPresent();
        try (ServerSocket server = listen(lan.get().getHostAddress())) {
            PortExposure exposure = ListeningSockets.read().exposureOf(server.getLocalPort()).orElseThrow();

            assertThat(exposure.reach()).isEqualTo(Reach.ADDRESS);
            assertThat(exposure.beyondLoopbackAddresses()).containsExactly(lan.get().getHostAddress());
        }
    }

    @Test
    void aPortNothingListensOnHasNoExposure() throws IOException {
        int port;
        try (ServerSocket server = listen("127.0.0.1")) {
            port = server.getLocalPort();
        }
        assertThat(ListeningSockets.read().exposureOf(port)).isEmpty();
    }

    private static ServerSocket listen(String literal) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(literal), 0));
        return server;
    }

    private static Optional<InetAddress> nonLoopbackIpv4Address() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(ListeningSocketsTest::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
    }

    private static boolean isUp(NetworkInterface i) {
        try {
            return i.isUp() && !i.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    private static void assumeLinux() {
        assumeThat(System.getProperty("os.name", "").toLowerCase(Locale.ROOT)).as("reads /proc (Linux)")
                .startsWith("linux");
    }
}
