package dev.lpm.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.ServiceState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bodies, streams and protocol switches pass through the proxy unchanged and unbuffered. */
class ProxyStreamingTest {

    private static final long BIG = 64L * 1024 * 1024;

    @TempDir
    Path dir;

    ProxyHarness harness;
    TestBackend api;

    @BeforeEach
    void start() throws Exception {
        harness = new ProxyHarness(dir);
        api = new TestBackend();
        harness.route("api", api.port(), ServiceState.RUNNING);
    }

    @AfterEach
    void stop() {
        harness.close();
        api.close();
    }

    @Test
    void largeUploadsStreamThroughIntact() throws Exception {
        api.handle("/upload", exchange -> {
            MessageDigest sha = sha256();
            long size = 0;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] buffer = new byte[65536];
                int n;
                while ((n = in.read(buffer)) != -1) {
                    sha.update(buffer, 0, n);
                    size += n;
                }
            }
            TestBackend.reply(exchange, 200, size + " " + HexFormat.of().formatHex(sha.digest()));
        });
        MessageDigest expected = sha256();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.port() + "/upload"))
                .header("Host", "api.localhost")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(BIG, expected)))
                .build();
        HttpResponse<String> response = harness.http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(BIG + " " + HexFormat.of().formatHex(expected.digest()));
    }

    @Test
    void largeDownloadsStreamThroughIntact() throws Exception {
        MessageDigest sent = sha256();
        api.handle("/download", exchange -> {
            exchange.sendResponseHeaders(200, BIG);
            try (OutputStream out = exchange.getResponseBody(); InputStream in = new PatternStream(BIG, sent)) {
                in.transferTo(out);
            }
        });
        HttpResponse<InputStream> response = harness.http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.port() + "/download"))
                        .header("Host", "api.localhost").build(), HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest received = sha256();
        long size = 0;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) != -1) {
                received.update(buffer, 0, n);
                size += n;
            }
        }
        assertThat(size).isEqualTo(BIG);
        assertThat(received.digest()).isEqualTo(sent.digest());
    }

    @Test
    void serverSentEventsArriveOneByOneWhileTheStreamIsOpen() throws Exception {
        CountDownLatch firstSeen = new CountDownLatch(1);
        api.handle("/events", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                // The second event is only sent once the client got the first: nothing may sit in a buffer.
                if (!firstSeen.await(10, TimeUnit.SECONDS)) {
                    out.write("data: too-late\n\n".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                out.write("data: two\n\n".getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        HttpResponse<Stream<String>> response = harness.http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.port() + "/events"))
                        .header("Host", "api.localhost").build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
        var lines = response.body().iterator();
        assertThat(lines.next()).isEqualTo("data: one");
        firstSeen.countDown();
        assertThat(lines.next()).isEmpty();
        assertThat(lines.next()).isEqualTo("data: two");
    }

    @Test
    void expectContinueIsPassedThrough() throws Exception {
        api.handle("/put", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            TestBackend.reply(exchange, 201, "got " + body);
        });
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), harness.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /put HTTP/1.1\r\nHost: api.localhost\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 100 Continue");
            while (!in.readLine().isEmpty()) {
                // rest of the interim response
            }
            out.write("hello".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 201 Created");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        String answer = harness.raw("GET /first HTTP/1.1\r\nHost: api.localhost\r\n\r\n"
                + "GET /second HTTP/1.1\r\nHost: api.localhost\r\n\r\n"
                + "GET /third HTTP/1.1\r\nHost: api.localhost\r\nConnection: close\r\n\r\n", Duration.ofSeconds(5));
        assertThat(answer).containsSubsequence("hello from /first", "hello from /second", "hello from /third");
    }

    @Test
    void anHttp10ClientGetsAChunkedResponseAsAPlainBody() throws Exception {
        api.handle("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("part one, ".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("part two".getBytes(StandardCharsets.UTF_8));
            }
        });
        String answer = harness.raw("GET /chunked HTTP/1.0\r\nHost: api.localhost\r\n\r\n", Duration.ofSeconds(5));
        assertThat(answer).startsWith("HTTP/1.1 200 OK").doesNotContainIgnoringCase("transfer-encoding")
                .endsWith("\r\n\r\npart one, part two");
    }

    @Test
    void webSocketsAreRelayedAfterTheUpgrade() throws Exception {
        try (WebSocketEchoBackend ws = new WebSocketEchoBackend()) {
            harness.route("chat", ws.port(), ServiceState.RUNNING);
            List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
            CountDownLatch two = new CountDownLatch(2);
            WebSocket socket = harness.http.newWebSocketBuilder()
                    .header("Host", "chat.localhost:" + harness.port())
                    .buildAsync(URI.create("ws://127.0.0.1:" + harness.port() + "/ws"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            received.add(data.toString());
                            two.countDown();
                            webSocket.request(1);
                            return CompletableFuture.completedFuture(null);
                        }
                    }).get(10, TimeUnit.SECONDS);
            socket.sendText("hello", true).get(5, TimeUnit.SECONDS);
            socket.sendText("again", true).get(5, TimeUnit.SECONDS);
            assertThat(two.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(received).containsExactly("echo: hello", "echo: again");
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code size} bytes of a repeating pattern, hashed as they are read. */
    private static final class PatternStream extends InputStream {
        private final long size;
        private final MessageDigest digest;
        private long position;

        PatternStream(long size, MessageDigest digest) {
            this.size = size;
            this.digest = digest;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) ((position + i) * 31 % 251);
            }
            digest.update(b, off, n);
            position += n;
            return n;
        }
    }
}
