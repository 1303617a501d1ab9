package dev.lpm.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.ServiceState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reusing pooled connections to a service safely: a request caught by the service closing its idle
 * connection, and the service's own keep-alive timeout. Each test sends its requests on one client
 * connection, so they share one event loop and with it one pool.
 */
class ProxyUpstreamReuseTest {

    @TempDir
    Path dir;

    ProxyHarness harness;
    CannedBackend backend;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private void serve(CannedBackend service) throws Exception {
        backend = service;
        harness = new ProxyHarness(dir);
        harness.route("api", backend.port(), ServiceState.RUNNING);
    }

    private static String ok(String requestLine) {
        String path = requestLine.split(" ")[1];
        return "HTTP/1.1 200 OK\r\nContent-Length: " + path.length() + "\r\n\r\n" + path;
    }

    @Test
    void aSafeRequestCaughtByTheServiceClosingItsPooledConnectionGoesAgainOnANewOne() throws Exception {
        serve(new CannedBackend(ProxyUpstreamReuseTest::ok, 1));

        String answers = harness.raw("GET /first HTTP/1.1\r\nHost: api.localhost\r\n\r\n"
                + "GET /second HTTP/1.1\r\nHost: api.localhost\r\nConnection: close\r\n\r\n", Duration.ofSeconds(10));

        assertThat(answers).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\n\r\n/first")
                .endsWith("\r\n\r\n/second").doesNotContain("502");
        // The first connection carried /first and was closed at /second, which a new one answered.
        assertThat(backend.requestLines).containsExactly("GET /first HTTP/1.1", "GET /second HTTP/1.1",
                "GET /second HTTP/1.1");
        assertThat(backend.connections).hasValue(2);
    }

    @Test
    void aRequestThatMayChangeSomethingIsNeverSentTwice() throws Exception {
        serve(new CannedBackend(ProxyUpstreamReuseTest::ok, 1));

        ProxyHarness.Answer answer = harness.exchange("GET /first HTTP/1.1\r\nHost: api.localhost\r\n\r\n"
                + "DELETE /order/7 HTTP/1.1\r\nHost: api.localhost\r\nConnection: close\r\n\r\n", Duration.ofSeconds(10));

        String answers = answer.text();
        assertThat(answers.substring(answers.indexOf("/first") + "/first".length())).startsWith("HTTP/1.1 502 ");
        assertThat(answer.closed()).as("the client asked to close after the 502").isTrue();
        assertThat(backend.requestLines).containsExactly("GET /first HTTP/1.1", "DELETE /order/7 HTTP/1.1");
    }

    @Test
    void aSafeRequestIsSentAgainOnlyOnce() throws Exception {
        serve(new CannedBackend(ProxyUpstreamReuseTest::ok, 0)); // every connection closes at its first request

        ProxyHarness.Answer answer = harness.exchange(
                "GET /first HTTP/1.1\r\nHost: api.localhost\r\nConnection: close\r\n\r\n", Duration.ofSeconds(10));

        // A new connection is not a reused one: its failure is the service's answer, not a race.
        assertThat(answer.firstStatus()).isEqualTo(502);
        assertThat(answer.closed()).as("the client asked to close after the 502").isTrue();
        assertThat(backend.requestLines).containsExactly("GET /first HTTP/1.1");
    }

    @Test
    void anHttp10ClientsConnectionClosesAfterA502() throws Exception {
        serve(new CannedBackend(ProxyUpstreamReuseTest::ok, 0));

        ProxyHarness.Answer answer = harness.exchange("GET /x HTTP/1.0\r\nHost: api.localhost\r\n\r\n",
                Duration.ofSeconds(10));

        assertThat(answer.firstStatus()).isEqualTo(502);
        assertThat(answer.closed()).as("HTTP/1.0 without keep-alive ends with the response").isTrue();
    }

    @Test
    void aConnectionIsReusedWithinTheServicesKeepAliveTimeout() throws Exception {
        serve(new CannedBackend(line -> keepAlive(line, "timeout=5")));

        harness.raw("GET /a HTTP/1.1\r\nHost: api.localhost\r\n\r\n"
                + "GET /b HTTP/1.1\r\nHost: api.localhost\r\nConnection: close\r\n\r\n", Duration.ofSeconds(10));

        assertThat(backend.connections).hasValue(1);
    }

    @Test
    void aConnectionTheServiceKeepsForOneSecondOnlyIsNotReused() throws Exception {
        serve(new CannedBackend(line -> keepAlive(line, "timeout=1, max=100")));

        String answers = harness.raw("GET /a HTTP/1.1\r\nHost: api.localhost\r\n\r\n"
                + "GET /b HTTP/1.1\r\nHost: api.localhost\r\nConnection: close\r\n\r\n", Duration.ofSeconds(10));

        assertThat(answers).contains("\r\n\r\n/a").endsWith("\r\n\r\n/b");
        // Its close could be on its way when the next request goes: that one gets a new connection.
        assertThat(backend.connections).hasValue(2);
        assertThat(backend.requestLines).containsExactly("GET /a HTTP/1.1", "GET /b HTTP/1.1");
    }

    private static String keepAlive(String requestLine, String keepAlive) {
        String path = requestLine.split(" ")[1];
        return "HTTP/1.1 200 OK\r\nKeep-Alive: " + keepAlive + "\r\nContent-Length: " + path.length() + "\r\n\r\n" + path;
    }
}
