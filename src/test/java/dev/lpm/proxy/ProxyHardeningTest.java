package dev.lpm.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lpm.core.ServiceState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed, hostile and excessive input: clear refusals, and the proxy keeps serving. */
class ProxyHardeningTest {

    private static final Duration SHORT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    ProxyHarness harness;
    TestBackend api;

    @BeforeEach
    void start() throws Exception {
        harness = new ProxyHarness(dir, c -> c.withTimeouts(Duration.ofMillis(800), Duration.ofSeconds(5)).withMaxConnections(50));
        api = new TestBackend();
        harness.route("api", api.port(), ServiceState.RUNNING);
    }

    @AfterEach
    void stop() {
        harness.close();
        api.close();
    }

    @Test
    void overlongRequestLineGets414() throws IOException {
        String answer = harness.raw("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: api.localhost\r\n\r\n", SHORT);
        assertThat(answer).startsWith("HTTP/1.1 414");
    }

    @Test
    void overlargeHeadersGet431() throws IOException {
        String answer = harness.raw("GET / HTTP/1.1\r\nHost: api.localhost\r\nX-Big: " + "b".repeat(40_000) + "\r\n\r\n", SHORT);
        assertThat(answer).startsWith("HTTP/1.1 431");
    }

    @Test
    void conflictingContentLengthAndTransferEncodingAreRefused() throws IOException {
        String answer = harness.raw("POST / HTTP/1.1\r\nHost: api.localhost\r\nContent-Length: 4\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: api.localhost\r\n\r\n", SHORT);
        assertThat(answer).startsWith("HTTP/1.1 400").contains("Transfer-Encoding").doesNotContain("hello from");
        assertThat(api.seen).isEmpty();
    }

    @Test
    void transferEncodingThatDoesNotEndInChunkedIsRefused() throws IOException {
        String answer = harness.raw("POST / HTTP/1.1\r\nHost: api.localhost\r\nTransfer-Encoding: chunked, identity\r\n\r\n", SHORT);
        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(api.seen).isEmpty();
    }

    @Test
    void twoDifferentContentLengthsAreRefused() throws IOException {
        String answer = harness.raw("POST / HTTP/1.1\r\nHost: api.localhost\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabcde", SHORT);
        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(api.seen).isEmpty();
    }

    @Test
    void aSlowHeaderSenderIsCutOff() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), harness.port())) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: api.local".getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.setSoTimeout(5_000);
            // The header deadline (800 ms here) closes the connection: read() sees the end of the stream.
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void anIdleConnectionIsClosedButAnActiveOneIsNot() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), harness.port())) {
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void connectionsBeyondTheCapAreClosed() throws Exception {
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                open.add(new Socket(InetAddress.getLoopbackAddress(), harness.port()));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> harness.proxy.openConnections() == 50);
            try (Socket extra = new Socket(InetAddress.getLoopbackAddress(), harness.port())) {
                extra.setSoTimeout(5_000);
                extra.getOutputStream().write("GET / HTTP/1.1\r\nHost: api.localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                assertThat(readOrClosed(extra.getInputStream())).isEqualTo(-1);
            }
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.proxy.openConnections() == 0);
        assertThat(harness.get("api.localhost", "/").statusCode()).isEqualTo(200);
    }

    @Test
    void fuzzedRequestsNeverStopTheProxyFromServingGoodOnes() throws Exception {
        Random random = new Random(1355);
        String good = "GET /ok HTTP/1.1\r\nHost: api.localhost\r\nConnection: close\r\n\r\n";
        List<String> seeds = List.of(good,
                "POST /p HTTP/1.1\r\nHost: api.localhost\r\nContent-Length: 5\r\n\r\nhello",
                "POST /p HTTP/1.1\r\nHost: api.localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                "GET /?" + "%".repeat(30) + " HTTP/1.1\r\nHost: x.localhost\r\n\r\n");
        for (int i = 0; i < 300; i++) {
            byte[] request = mutate(seeds.get(random.nextInt(seeds.size())).getBytes(StandardCharsets.ISO_8859_1), random);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), harness.port())) {
                socket.setSoTimeout(1_500);
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                socket.shutdownOutput();
                String answer = ProxyHarness.readAll(socket.getInputStream());
                assertThat(answer).as("answer to fuzz case %d", i).satisfiesAnyOf(
                        a -> assertThat(a).isEmpty(),
                        a -> assertThat(a).startsWith("HTTP/1.1 "));
            }
        }
        assertThat(harness.get("api.localhost", "/still-alive").body()).isEqualTo("hello from /still-alive");
    }

    @Test
    void aTakenPortIsReportedWithItsOwnerAndNoOtherPortIsTried() throws Exception {
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = squatter.getLocalPort();
            assertThatThrownBy(() -> LoopbackProxy.start(ProxyConfig.defaults(port), harness.routes, harness.accessLog,
                    () -> false, p -> "pid 42 (squatter)"))
                    .isInstanceOf(ProxyPortInUseException.class)
                    .hasMessageContaining("port " + port)
                    .hasMessageContaining("in use by pid 42 (squatter)")
                    .hasMessageContaining("--proxy-port");
        }
    }

    private static int readOrClosed(InputStream in) {
        try {
            return in.read();
        } catch (IOException reset) {
            return -1;
        }
    }

    /** A few random byte flips, insertions, deletions and truncations of a seed request. */
    private static byte[] mutate(byte[] seed, Random random) {
        List<Byte> bytes = new ArrayList<>();
        for (byte b : seed) {
            bytes.add(b);
        }
        int edits = 1 + random.nextInt(8);
        for (int e = 0; e < edits && !bytes.isEmpty(); e++) {
            int at = random.nextInt(bytes.size());
            switch (random.nextInt(5)) {
                case 0 -> bytes.set(at, (byte) random.nextInt(256));
                case 1 -> bytes.add(at, (byte) "\r\n :\0\t".charAt(random.nextInt(6)));
                case 2 -> bytes.remove(at);
                case 3 -> bytes.subList(at, bytes.size()).clear();
                default -> {
                    for (int k = 0; k < random.nextInt(2000); k++) {
                        bytes.add(at, (byte) 'A');
                    }
                }
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }
}
