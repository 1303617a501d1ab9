package dev.lpm.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.ports.PortOwner.ListeningSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PortOwnerTest {

    // Real lines (columns as the kernel prints them) from an x86-64 machine: little-endian words.
    private static final String TCP = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:054B 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 48213 1 0000000000000000 100 0 0 10 0
               1: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 639 1 0000000000000000 100 0 0 10 0
               2: 0100007F:054B 0100007F:A1C2 01 00000000:00000000 00:00000000 00000000  1000        0 48999 1 0000000000000000 20 4 30 10 -1
               3: 0200000A:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 0 1 0000000000000000 100 0 0 10 0
               4: garbage
            """;
    private static final String TCP6 = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000000000000000000001000000:054B 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 51234 1 0000000000000000 100 0 0 10 0
               1: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 777 1 0000000000000000 100 0 0 10 0
               2: 000080FE00000000FF00FC02010000FE:1F91 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 778 1 0000000000000000 100 0 0 10 0
               3: 0000000000000000FFFF00000100007F:1F92 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 779 1 0000000000000000 100 0 0 10 0
            """;

    @Test
    void parsesIpv4ListeningSocketsAndSkipsOtherStatesAndGarbage() {
        assertThat(PortOwner.parseListening(TCP, false, ByteOrder.LITTLE_ENDIAN)).containsExactly(
                new ListeningSocket("127.0.0.1:1355", 1355, 48213),
                new ListeningSocket("0.0.0.0:8080", 8080, 639),
                new ListeningSocket("10.0.0.2:22", 22, 0));
    }

    @Test
    void parsesIpv6ListeningSocketsAndShowsIpv4MappedOnesAsIpv4() {
        assertThat(PortOwner.parseListening(TCP6, true, ByteOrder.LITTLE_ENDIAN)).containsExactly(
                new ListeningSocket("[::1]:1355", 1355, 51234),
                new ListeningSocket("[::]:80", 80, 777),
                new ListeningSocket("[fe80::2fc:ff:fe00:1]:8081", 8081, 778),
                new ListeningSocket("127.0.0.1:8082", 8082, 779));
    }

    @Test
    void readsAddressesInTheByteOrderOfTheMachineThatWroteThem() {
        String bigEndian = "  0: 7F000001:054B 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 42 1\n";
        assertThat(PortOwner.parseListening(bigEndian, false, ByteOrder.BIG_ENDIAN))
                .containsExactly(new ListeningSocket("127.0.0.1:1355", 1355, 42));
    }

    @Test
    void ipv6TextFollowsRfc5952() {
        assertThat(PortOwner.ipv6Text(bytes(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(PortOwner.ipv6Text(bytes(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1))).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(PortOwner.ipv6Text(bytes(0, 0, 0, 0, 0, 0xffff, 0x7f00, 1))).isEqualTo("::ffff:7f00:1");
        assertThat(PortOwner.ipv6Text(bytes(1, 0, 0, 0, 0, 0, 0, 0))).isEqualTo("1::");
    }

    @Test
    void describesVisibleAndInvisibleListeners() {
        assertThat(new PortOwner.Listener(1234, "nginx", "nginx: master process nginx -c /tmp/x.conf", "127.0.0.1:1355")
                .describe()).isEqualTo("pid 1234 (nginx: master process nginx -c /tmp/x.conf)");
        assertThat(new PortOwner.Listener(7, "kthreadd", "", "0.0.0.0:1").describe()).isEqualTo("pid 7 (kthreadd)");
        assertThat(new PortOwner.Listener(PortOwner.UNKNOWN_PID, "", "", "[::1]:1355").describe())
                .isEqualTo("a process of another user");
    }

    @Test
    void findsThisJvmListeningOnIpv4Loopback() throws IOException {
        assumeThat(isLinux()).as("reads /proc (Linux)").isTrue();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = server.getLocalPort();

            Optional<PortOwner.Listener> owner = PortOwner.find(port);

            assertThat(owner).hasValueSatisfying(listener -> {
                assertThat(listener.pid()).isEqualTo(ProcessHandle.current().pid());
                assertThat(listener.address()).isEqualTo("127.0.0.1:" + port);
                assertThat(listener.commandLine()).contains("java");
                assertThat(listener.describe()).startsWith("pid " + ProcessHandle.current().pid() + " (");
            });
        }
    }

    @Test
    void findsAPythonServerOnIpv6Loopback() throws Exception {
        assumeThat(isLinux()).as("reads /proc (Linux)").isTrue();
        assumeThat(LoopbackPortProbe.hasIpv6Loopback()).as("::1 exists").isTrue();
        int port = freeIpv6Port();
        Process python = new ProcessBuilder("python3", "-m", "http.server", String.valueOf(port), "--bind", "::1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> PortOwner.find(port).isPresent());

            PortOwner.Listener listener = PortOwner.find(port).orElseThrow();

            assertThat(listener.pid()).isEqualTo(python.pid());
            assertThat(listener.name()).isEqualTo("python3");
            assertThat(listener.address()).isEqualTo("[::1]:" + port);
            assertThat(listener.commandLine()).endsWith("-m http.server " + port + " --bind ::1");
            assertThat(listener.describe()).isEqualTo("pid " + python.pid() + " (" + listener.commandLine() + ")");
        } finally {
            python.descendants().forEach(ProcessHandle::destroyForcibly);
            python.destroyForcibly();
            python.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void findsNothingOnAFreePort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            port = socket.getLocalPort();
        }
        assertThat(PortOwner.find(port)).isEmpty();
    }

    private static int freeIpv6Port() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return socket.getLocalPort();
        }
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").startsWith("Linux");
    }

    private static byte[] bytes(int... groups) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (groups[i] >> 8);
            b[2 * i + 1] = (byte) groups[i];
        }
        return b;
    }
}
