package dev.lpm.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.core.ServiceState;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host-based routing through a real proxy to real services on loopback. */
class ProxyRoutingTest {

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
    void listensOnLoopbackOnly() {
        assertThat(harness.proxy.addresses()).isNotEmpty()
                .allSatisfy(address -> assertThat(address.getAddress().isLoopbackAddress()).isTrue());
    }

    @Test
    void routesByHostAndTellsTheServiceWhoAsked() throws Exception {
        HttpResponse<String> response = harness.get("api.localhost:" + harness.port(), "/x?y=1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello from /x");
        var seen = api.seen.getLast();
        assertThat(seen.path()).isEqualTo("/x?y=1");
        assertThat(seen.headers().getFirst("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(seen.headers().getFirst("X-Forwarded-Host")).isEqualTo("api.localhost:" + harness.port());
        assertThat(seen.headers().getFirst("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(seen.headers().getFirst("X-Lpm-Hops")).isEqualTo("1");
        assertThat(seen.headers().getFirst("Host")).isEqualTo("api.localhost:" + harness.port());
    }

    @Test
    void aClientCannotSpoofTheForwardingHeadersOrHideHostBehindConnection() throws Exception {
        String answer = harness.raw("GET /spoof HTTP/1.1\r\nHost: api.localhost\r\nX-Forwarded-For: 203.0.113.9\r\n"
                + "X-Forwarded-Host: bank.example\r\nX-Forwarded-Proto: https\r\nForwarded: for=203.0.113.9\r\n"
                + "Connection: Host, X-Forwarded-For, close\r\n\r\n", Duration.ofSeconds(5));
        assertThat(answer).startsWith("HTTP/1.1 200 ");
        var seen = api.seen.getLast();
        assertThat(seen.headers().get("X-Forwarded-For")).containsExactly("127.0.0.1");
        assertThat(seen.headers().get("X-Forwarded-Host")).containsExactly("api.localhost");
        assertThat(seen.headers().get("X-Forwarded-Proto")).containsExactly("http");
        assertThat(seen.headers().get("Forwarded")).isNull();
        assertThat(seen.headers().get("Host")).containsExactly("api.localhost");
    }

    @Test
    void hostMatchingIgnoresCaseTrailingDotAndPort() throws Exception {
        assertThat(harness.get("API.Localhost", "/").statusCode()).isEqualTo(200);
        assertThat(harness.get("api.localhost.:1355", "/").statusCode()).isEqualTo(200);
    }

    @Test
    void keepAliveRequestsReuseOneUpstreamConnection() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(harness.get("api.localhost", "/" + i).statusCode()).isEqualTo(200);
        }
        assertThat(api.seen.stream().map(TestBackend.HttpExchangeRecord::remotePort).distinct()).hasSize(1);
    }

    @Test
    void bareLocalhostShowsTheIndexAsTextOrHtml() throws Exception {
        HttpResponse<String> text = harness.get("localhost:" + harness.port(), "/");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(text.body()).contains("api").contains("http://api.localhost:" + harness.port() + "/");

        HttpResponse<String> html = harness.get("localhost", "/", Map.of("Accept", "text/html,*/*"));
        assertThat(html.body()).contains("<a href=\"http://api.localhost:" + harness.port() + "/\">api</a>");
    }

    @Test
    void unknownNameGets404WithTheIndex() throws Exception {
        HttpResponse<String> response = harness.get("nope.localhost", "/");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("No service named 'nope'").contains("api");
    }

    @Test
    void foreignHostsAreRefused() throws Exception {
        for (String host : new String[] {"evil.example", "api.localhost.evil.example", "localhost.evil", "10.0.0.1"}) {
            HttpResponse<String> response = harness.get(host, "/");
            assertThat(response.statusCode()).as(host).isEqualTo(403);
            assertThat(response.body()).contains("DNS rebinding");
        }
        assertThat(api.seen).isEmpty();
    }

    @Test
    void subdomainsRouteToTheParentOnlyWhenAllowed() throws Exception {
        assertThat(harness.get("tenant.api.localhost", "/").statusCode()).isEqualTo(404);
        harness.route("api", api.port(), ServiceState.RUNNING, true);
        assertThat(harness.get("tenant.api.localhost", "/").body()).isEqualTo("hello from /");
    }

    @Test
    void aServiceThatIsDownGetsAUseful502() throws Exception {
        int closedPort = ProxyHarness.freePort();
        harness.route("web", closedPort, ServiceState.CRASHED);
        HttpResponse<String> response = harness.get("web.localhost", "/");
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("'web'").contains("port " + closedPort).contains("crashed")
                .contains("lpm logs web");
    }

    @Test
    void aStartingServiceIsWaitedFor() throws Exception {
        int port = ProxyHarness.freePort();
        harness.route("slow", port, ServiceState.STARTING);
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        TestBackend[] slow = new TestBackend[1];
        try {
            later.schedule(() -> {
                slow[0] = new TestBackend("127.0.0.1", port);
                return null;
            }, 700, TimeUnit.MILLISECONDS);
            HttpResponse<String> response = harness.get("slow.localhost", "/ready");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello from /ready");
        } finally {
            later.shutdownNow();
            later.awaitTermination(5, TimeUnit.SECONDS);
            if (slow[0] != null) {
                slow[0].close();
            }
        }
    }

    @Test
    void servicesListeningOnlyOnIpv6LoopbackAreReached() throws Exception {
        try (TestBackend v6 = new TestBackend("::1")) {
            harness.route("vite", v6.port(), ServiceState.RUNNING);
            assertThat(harness.get("vite.localhost", "/").body()).isEqualTo("hello from /");
            assertThat(harness.get("vite.localhost", "/again").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void routeChangesApplyToTheNextRequest() throws Exception {
        harness.routes.remove("api");
        assertThat(harness.get("api.localhost", "/").statusCode()).isEqualTo(404);
        harness.route("api", api.port(), ServiceState.RUNNING);
        assertThat(harness.get("api.localhost", "/").statusCode()).isEqualTo(200);
    }

    @Test
    void aLoopBackIntoTheProxyEndsIn508() throws Exception {
        harness.route("loop", harness.port(), ServiceState.RUNNING);
        HttpResponse<String> response = harness.get("loop.localhost", "/");
        assertThat(response.statusCode()).isEqualTo(508);
        assertThat(response.body()).contains("loop");
    }

    @Test
    void everyRequestIsLoggedWithTheLockWhileAVpnIsUp() throws Exception {
        harness.get("api.localhost", "/plain");
        harness.vpn.set(true);
        harness.get("api.localhost", "/locked");
        harness.get("nope.localhost", "/missing");
        Path log = dir.resolve("access.log");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Files.readAllLines(log)).hasSize(3));
        var lines = Files.readAllLines(log);
        assertThat(lines.get(0)).matches("\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d] GET /plain HTTP/1\\.1 -> api 200 \\d+ms");
        assertThat(lines.get(1)).matches("\\[[^]]+] \uD83D\uDD12 GET /locked HTTP/1\\.1 -> api 200 \\d+ms");
        assertThat(lines.get(2)).contains("GET /missing HTTP/1.1 -> - 404");
        assertThat(harness.logged).hasSize(3);
        assertThat(harness.logged.get(1).vpnActive()).isTrue();
    }
}
