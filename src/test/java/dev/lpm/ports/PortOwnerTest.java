package dev.lpm.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PortOwnerTest {

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
}
