package dev.lpm.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.core.ServiceState;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests the proxy cannot frame or route unambiguously: each is answered 400 and the connection closed,
 * against the real proxy and a real service that records what it parses, and the service sees none of it
 * (or, when the framing fails mid-body, never a complete request).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyFramingRefusalTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String HEAD = "POST /upload HTTP/1.1\r\nHost: api.localhost\r\nTransfer-Encoding: chunked\r\n\r\n";

    ProxyHarness harness;
    FramingBackend api;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        harness = new ProxyHarness(dir);
        api = new FramingBackend();
        harness.route("api", api.port(), ServiceState.RUNNING);
    }

    @BeforeEach
    void forget() {
        api.clear();
    }

    @AfterAll
    void stop() {
        harness.close();
        api.close();
    }

    static Stream<Arguments> refusedInTheBody() {
        return Stream.of(
                Arguments.of("chunk size zz", HEAD + "5\r\nhello\r\nzz\r\nabc\r\n0\r\n\r\n"),
                Arguments.of("chunk size -1", HEAD + "5\r\nhello\r\n-1\r\nabc\r\n0\r\n\r\n"),
                Arguments.of("chunk size overflow", HEAD + "ffffffffffffffffff\r\nabc\r\n0\r\n\r\n"),
                Arguments.of("chunk size wrapping to 0", HEAD + "100000000\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: api.localhost\r\n\r\n"),
                Arguments.of("chunk size with junk after it", HEAD + "5 junk\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("chunk size with NUL after it", HEAD + "5\0\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("chunk size with a blank before it", HEAD + " 5\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("folded trailer", HEAD + "5\r\nhello\r\n0\r\nX-A: a\r\n b\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedInTheBody")
    void isAnswered400AndClosedAndTheServiceNeverSeesItComplete(String name, String request) throws Exception {
        ProxyHarness.Answer answer = harness.exchange(request, WAIT);
        assertThat(answer.text()).startsWith("HTTP/1.1 400 ");
        assertThat(answer.closed()).as("connection closed").isTrue();
        assertServiceSawNoCompleteRequestAndStillServes();
        assertThat(api.heads).as("heads the service parsed").doesNotContain("GET /smuggled");
    }

    static Stream<Arguments> refusedAtTheHead() {
        return Stream.of(
                Arguments.of("Transfer-Encoding on HTTP/1.0",
                        "POST / HTTP/1.0\r\nHost: api.localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("two Host headers", "GET / HTTP/1.1\r\nHost: api.localhost\r\nHost: other.localhost\r\n\r\n"),
                Arguments.of("the same Host twice", "GET / HTTP/1.1\r\nHost: api.localhost\r\nHost: api.localhost\r\n\r\n"),
                Arguments.of("NUL in the target", "GET /a\0b HTTP/1.1\r\nHost: api.localhost\r\n\r\n"),
                Arguments.of("CR in the target", "GET /a\rb HTTP/1.1\r\nHost: api.localhost\r\n\r\n"),
                Arguments.of("LF in the target", "GET /a\nb HTTP/1.1\r\nHost: api.localhost\r\n\r\n"),
                Arguments.of("SOH in the target", "GET /a\u0001b HTTP/1.1\r\nHost: api.localhost\r\n\r\n"),
                Arguments.of("ESC in the target", "GET /a\u001bb HTTP/1.1\r\nHost: api.localhost\r\n\r\n"),
                Arguments.of("DEL in the target", "GET /a\u007fb HTTP/1.1\r\nHost: api.localhost\r\n\r\n"),
                Arguments.of("tab in the target", "GET /a\tb HTTP/1.1\r\nHost: api.localhost\r\n\r\n"),
                Arguments.of("bare CR as a separator", "GET /\rHTTP/1.1\r\nHost: api.localhost\r\n\r\n"),
                Arguments.of("HTTP/9.9", "GET / HTTP/9.9\r\nHost: api.localhost\r\n\r\n"),
                Arguments.of("HTTP/1.2", "GET / HTTP/1.2\r\nHost: api.localhost\r\n\r\n"),
                Arguments.of("HTTP/2.0 over text", "GET / HTTP/2.0\r\nHost: api.localhost\r\n\r\n"),
                Arguments.of("folded header", "GET / HTTP/1.1\r\nHost: api.localhost\r\nX-A: a\r\n b\r\n\r\n"),
                Arguments.of("Transfer-Encoding not ending in chunked",
                        "POST / HTTP/1.1\r\nHost: api.localhost\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedAtTheHead")
    void isAnswered400AndClosedAndTheServiceSeesNothing(String name, String request) throws Exception {
        ProxyHarness.Answer answer = harness.exchange(request, WAIT);
        assertThat(answer.text()).startsWith("HTTP/1.1 400 ");
        assertThat(answer.closed()).as("connection closed").isTrue();
        assertServiceSawNoCompleteRequestAndStillServes();
        assertThat(api.heads).as("heads the service parsed").containsExactly("GET /sentinel");
    }

    @Test
    void aChunkSizeThatFailsMidBodyNeverCompletesTheForwardedRequest() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), harness.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((HEAD + "5\r\nhello\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            await().atMost(WAIT).until(() -> api.heads.contains("POST /upload")); // the head went on already
            out.write("zz\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ProxyHarness.Answer answer = ProxyHarness.readUntilClosed(socket.getInputStream());
            assertThat(answer.text()).startsWith("HTTP/1.1 400 ").contains("chunk size");
            assertThat(answer.closed()).isTrue();
        }
        assertServiceSawNoCompleteRequestAndStillServes();
    }

    @Test
    void aChunkSizeThatFailsAfterTheAnswerStartedClosesBothConnections() throws Exception {
        // A service that answers as soon as it has a head, and then reads the body as it comes.
        try (ServerSocket service = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            harness.route("early", service.getLocalPort(), ServiceState.RUNNING);
            CompletableFuture<String> bodySeen = CompletableFuture.supplyAsync(() -> {
                try (Socket upstream = service.accept()) {
                    InputStream in = upstream.getInputStream();
                    StringBuilder head = new StringBuilder();
                    while (!head.toString().endsWith("\r\n\r\n")) {
                        head.append((char) in.read());
                    }
                    upstream.getOutputStream().write(
                            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    upstream.getOutputStream().flush();
                    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1); // until the proxy closes
                } catch (Exception e) {
                    return "failed: " + e;
                }
            });
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), harness.port())) {
                socket.setSoTimeout((int) WAIT.toMillis());
                OutputStream out = socket.getOutputStream();
                out.write(HEAD.replace("api.localhost", "early.localhost").concat("5\r\nhello\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] start = in.readNBytes("HTTP/1.1 200 OK".length());
                assertThat(new String(start, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200 OK");
                out.write("zz\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                ProxyHarness.Answer rest = ProxyHarness.readUntilClosed(in);
                assertThat(rest.closed()).as("the client's connection is closed").isTrue();
                assertThat(rest.text()).as("the answer is cut off, not ended").doesNotContain("0\r\n\r\n");
            }
            assertThat(bodySeen.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("what the service received of the body before the proxy closed its connection")
                    .isEqualTo("5\r\nhello\r\n");
        }
    }

    /** A good request after the bad one is served: then the bad one, had it gone on, would be recorded. */
    private void assertServiceSawNoCompleteRequestAndStillServes() throws Exception {
        ProxyHarness.Answer after = harness.exchange(
                "GET /sentinel HTTP/1.1\r\nHost: api.localhost\r\nConnection: close\r\n\r\n", WAIT);
        assertThat(after.text()).startsWith("HTTP/1.1 200 ");
        assertThat(api.complete).extracting(FramingBackend.Received::uri).containsExactly("/sentinel");
        assertThat(api.malformed).isEmpty();
    }
}
