package dev.lpm.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.ServiceState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the proxy makes of a service's exact response bytes. */
class ProxyUpstreamResponseTest {

    private static final String BIG_COOKIE = "a".repeat(20_000);

    @TempDir
    Path dir;

    ProxyHarness harness;
    CannedBackend backend;

    @BeforeEach
    void start() throws Exception {
        harness = new ProxyHarness(dir);
        backend = new CannedBackend(ProxyUpstreamResponseTest::answer);
        harness.route("api", backend.port(), ServiceState.RUNNING);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        backend.close();
    }

    private static String answer(String requestLine) {
        if (requestLine.startsWith("HEAD ")) {
            // Describes a body of 1000 bytes that a HEAD response never carries.
            return "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nContent-Type: text/plain\r\n\r\n";
        }
        if (requestLine.startsWith("GET /spelling ")) {
            return "HTTP/1.1 200 OK\r\nX-Powered-By: canned\r\ncontent-type: text/plain\r\nETag: \"v1\"\r\n"
                    + "x-MiXeD-Name: kept\r\nContent-Length: 2\r\n\r\nok";
        }
        if (requestLine.startsWith("GET /big-header ")) {
            return "HTTP/1.1 200 OK\r\nSet-Cookie: big=" + BIG_COOKIE + "\r\nContent-Length: 3\r\n\r\nbig";
        }
        return "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbody";
    }

    @Test
    void aHeadResponseEndsAtItsHeadAndTheConnectionServesTheNextRequest() throws Exception {
        String answers = harness.raw("HEAD /x HTTP/1.1\r\nHost: api.localhost\r\n\r\n"
                + "GET /after HTTP/1.1\r\nHost: api.localhost\r\nConnection: close\r\n\r\n", Duration.ofSeconds(10));

        assertThat(answers).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nContent-Length: 1000\r\n");
        assertThat(answers.substring(answers.indexOf("\r\n\r\n") + 4))
                .startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nbody");
        assertThat(backend.requestLines).containsExactly("HEAD /x HTTP/1.1", "GET /after HTTP/1.1");
        assertThat(backend.connections).hasValue(1); // the pooled connection was not spoiled by the HEAD
    }

    @Test
    void headerNamesKeepTheirSpelling() throws Exception {
        String answer = harness.raw("GET /spelling HTTP/1.1\r\nHost: api.localhost\r\nConnection: close\r\n\r\n",
                Duration.ofSeconds(10));

        assertThat(answer).contains("\r\nX-Powered-By: canned\r\n", "\r\ncontent-type: text/plain\r\n",
                "\r\nETag: \"v1\"\r\n", "\r\nx-MiXeD-Name: kept\r\n").endsWith("\r\n\r\nok");
    }

    @Test
    void largeResponseHeadersPassThrough() throws Exception {
        String answer = harness.raw("GET /big-header HTTP/1.1\r\nHost: api.localhost\r\nConnection: close\r\n\r\n",
                Duration.ofSeconds(10));

        assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("Set-Cookie: big=" + BIG_COOKIE + "\r\n")
                .endsWith("\r\n\r\nbig");
    }

    @Test
    void connectIsRefusedWith405() throws Exception {
        String answer = harness.raw("CONNECT api.localhost:443 HTTP/1.1\r\nHost: api.localhost:443\r\n"
                + "Connection: close\r\n\r\n", Duration.ofSeconds(10));

        assertThat(answer).startsWith("HTTP/1.1 405 ").contains("does not open tunnels");
        assertThat(backend.requestLines).isEmpty();
    }
}
