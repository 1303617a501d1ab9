package dev.lpm.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile TLS and HTTP/2 clients on the proxy's port: each is answered or closed, and a well-behaved
 * client (curl over h2) is served while and after it tries.
 */
class ProxyTlsHardeningTest extends TlsProxyTestBase {

    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(1);

    @Override
    ProxyConfig configure(ProxyConfig config) {
        return config.withTimeouts(HEADER_TIMEOUT, config.idleTimeout());
    }

    @Override
    String[][] commands() {
        return new String[][] {{"curl", "curl"}};
    }

    @Test
    void tlsGarbageIsClosedAndOthersAreServed() throws Exception {
        byte[] garbage = new byte[64];
        new Random(16).nextBytes(garbage);
        garbage[0] = 0x16; // a handshake record header, then nonsense
        garbage[1] = 0x03;
        garbage[2] = 0x01;
        garbage[3] = 0x00;
        garbage[4] = 0x3b;
        ProxyHarness.Answer answer = sendRaw(garbage, Duration.ofSeconds(5));
        assertThat(answer.closed()).isTrue();
        assertThat(answer.text()).doesNotContain("HTTP/1.1");
        assertServed();
    }

    @Test
    void plainHttpInsideATlsConnectionIsClosed() throws Exception {
        // A client that starts TLS, then (confused) speaks plain HTTP: after the first record header the
        // bytes are not TLS records.
        byte[] hello = "\u0016\u0003\u0001\u0000\u0004GET / HTTP/1.1\r\nHost: app.localhost\r\n\r\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ProxyHarness.Answer answer = sendRaw(hello, Duration.ofSeconds(5));
        assertThat(answer.closed()).isTrue();
        assertThat(answer.text()).doesNotContain("hello from");
        assertThat(api.seen).isEmpty();
        assertServed();
    }

    @Test
    void cleartextHttp2IsAnsweredOnThePlainPath() throws Exception {
        // h2c "prior knowledge": lpm serves HTTP/2 only inside TLS, so the plain path answers HTTP/1.1.
        Commands.Result h2c = Commands.run(Duration.ofSeconds(20), "", "curl", "-sS", "--max-time", "10",
                "--http2-prior-knowledge", "-w", "\n%{http_code}", "--resolve",
                "app.localhost:" + harness.port() + ":127.0.0.1", "http://app.localhost:" + harness.port() + "/");
        assertThat(h2c.stdout() + h2c.stderr()).as(h2c.toString()).doesNotContain("hello from");
        assertThat(api.seen).isEmpty();
        assertServed();
    }

    @Test
    void aHandshakeThatStallsIsClosedAfterTheHeaderTimeoutWhileOthersAreServed() throws Exception {
        try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), harness.port())) {
            slow.setSoTimeout(8_000);
            OutputStream out = slow.getOutputStream();
            out.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00}); // a ClientHello of 512 bytes announced, never sent
            out.flush();
            assertServed();
            long started = System.nanoTime();
            ProxyHarness.Answer answer = ProxyHarness.readUntilClosed(slow.getInputStream());
            assertThat(answer.closed()).as("closed by the proxy, not by the test's 8 s read timeout").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void anHttp2RapidResetFloodEndsInGoAwayAndReachesFewServices() throws Exception {
        int streams = 5_000;
        H2Flood.Answer answer;
        try (H2Flood flood = new H2Flood(ca.certificate(), harness.port(), "app.localhost")) {
            boolean open = true;
            for (int i = 0; i < streams && open; i++) {
                int id = 1 + 2 * i;
                flood.headers(id, H2Flood.get("app.localhost:" + harness.port(), "/flood/" + i), true);
                flood.reset(id);
                if (i % 50 == 49) {
                    open = flood.flush();
                }
            }
            flood.flush();
            answer = flood.readUntilClosed();
        }
        assertThat(answer.closed()).as("the proxy closed the flooding connection").isTrue();
        assertThat(answer.goAwayError()).as("GOAWAY ENHANCE_YOUR_CALM: " + answer + ", service saw " + api.seen.size()).isEqualTo(0xbL);
        assertThat(api.seen.size()).as("requests that reached the service").isLessThan(ClientPipelines.MAX_RESETS_PER_WINDOW + 50);
        assertServed();
    }

    @Test
    void aHeaderListOverTheLimitIsAnswered431OrClosedAndOthersAreServed() throws Exception {
        String big = "x".repeat(36 * 1024); // over the 32 KiB limit, under the point where Netty gives up the connection
        Commands.Result over = curl("--http2", "-H", "X-Big: " + big, "https://app.localhost:" + harness.port() + "/big");
        assertThat(over.stdout()).as(over.toString()).endsWith("2 431");

        try (H2Flood huge = new H2Flood(ca.certificate(), harness.port(), "app.localhost")) {
            var headers = H2Flood.get("app.localhost:" + harness.port(), "/huge");
            for (int i = 0; i < 64; i++) {
                headers.add("x-huge-" + i, "y".repeat(16 * 1024)); // 1 MiB of headers in CONTINUATION frames
            }
            huge.headers(1, headers, true);
            huge.flush();
            H2Flood.Answer answer = huge.readUntilClosed();
            assertThat(answer.closed() || answer.statuses().contains(431)).as(answer.toString()).isTrue();
            assertThat(answer.statuses()).doesNotContain(200);
        }
        assertThat(api.seen).isEmpty();
        assertServed();
    }

    private ProxyHarness.Answer sendRaw(byte[] bytes, Duration timeout) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), harness.port())) {
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return ProxyHarness.readUntilClosed(socket.getInputStream());
        }
    }

    private void assertServed() throws Exception {
        Commands.Result served = curl("--http2", "https://app.localhost:" + harness.port() + "/still");
        assertThat(served.stdout()).as(served.toString()).isEqualTo("hello from /still\n2 200");
    }

    private Commands.Result curl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS", "--max-time", "15", "--cacert",
                ca.certificateFile().toString(), "-w", "\n%{http_version} %{http_code}", "--resolve",
                "app.localhost:" + harness.port() + ":127.0.0.1"));
        command.addAll(List.of(args));
        return Commands.run(Duration.ofSeconds(30), "", command.toArray(String[]::new));
    }
}
