package dev.lpm.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class HopHeadersTest {

    private static HttpRequest request(HttpVersion version) {
        HttpRequest request = new DefaultHttpRequest(version, HttpMethod.POST, "/x");
        request.headers()
                .set("Host", "api.localhost:1355")
                .set("Connection", "keep-alive, X-Secret, Transfer-Encoding")
                .set("X-Secret", "hop")
                .set("Keep-Alive", "timeout=5")
                .set("Proxy-Connection", "keep-alive")
                .set("TE", "trailers")
                .set("Transfer-Encoding", "chunked")
                .set("X-Forwarded-For", "10.1.1.1")
                .set("X-Kept", "end-to-end");
        return request;
    }

    @Test
    void connectionScopedHeadersGoButTheBodyFramingStays() {
        HttpRequest request = request(HttpVersion.HTTP_1_0);
        HopHeaders.forUpstream(request, "127.0.0.1", false, HopHeaders.hops(request));
        assertThat(request.headers().names()).doesNotContain("Connection", "X-Secret", "Keep-Alive",
                "Proxy-Connection", "TE");
        assertThat(request.headers().get("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(request.headers().get("X-Kept")).isEqualTo("end-to-end");
        assertThat(request.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);
    }

    @Test
    void forwardingHeadersAreSetNotAppendedToAndTheHopCountGrows() {
        HttpRequest request = request(HttpVersion.HTTP_1_1);
        request.headers().set("X-Forwarded-Host", "evil.example").set("X-Forwarded-Proto", "https")
                .set("Forwarded", "for=10.1.1.1");
        HopHeaders.forUpstream(request, "127.0.0.1", false, HopHeaders.hops(request));
        assertThat(request.headers().getAll("X-Forwarded-For")).containsExactly("127.0.0.1");
        assertThat(request.headers().getAll("X-Forwarded-Host")).containsExactly("api.localhost:1355");
        assertThat(request.headers().getAll("X-Forwarded-Proto")).containsExactly("http");
        assertThat(request.headers().contains("Forwarded")).isFalse();
        assertThat(HopHeaders.hops(request)).isEqualTo(1);
        HopHeaders.forUpstream(request, "127.0.0.1", false, HopHeaders.hops(request));
        assertThat(HopHeaders.hops(request)).isEqualTo(2);
    }

    @Test
    void connectionCannotNameHostOrTheForwardingHeaders() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        request.headers().set("Host", "api.localhost").set("Connection", "Host, X-Forwarded-For, x-lpm-hops, X-Secret")
                .set("X-Secret", "hop");
        HopHeaders.removeHopByHop(request.headers());
        assertThat(request.headers().names()).containsExactly("Host");
    }

    @Test
    void anUpperCaseChunkedGoesOnInItsUsualSpelling() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
        request.headers().set("Host", "api.localhost").set("Transfer-Encoding", "CHUNKED");
        HopHeaders.forUpstream(request, "127.0.0.1", false, 0);
        assertThat(request.headers().getAll("Transfer-Encoding")).containsExactly("chunked");
    }

    @Test
    void upgradesKeepTheirConnectionHeaders() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws");
        request.headers().set("Connection", "Upgrade").set("Upgrade", "websocket");
        HopHeaders.forUpstream(request, "127.0.0.1", true, HopHeaders.hops(request));
        assertThat(request.headers().get("Connection")).isEqualTo("Upgrade");
        assertThat(request.headers().get("Upgrade")).isEqualTo("websocket");
    }

    @Test
    void aHeaderNamedInASecondConnectionHeaderGoesToo() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        request.headers().add("Connection", "keep-alive").add("Connection", "X-Secret")
                .set("X-Secret", "hop").set("X-Kept", "end-to-end");
        HopHeaders.removeHopByHop(request.headers());
        assertThat(request.headers().names()).containsExactly("X-Kept");
    }

    @Test
    void aPlainKeepAliveOrCloseLeavesEveryOtherHeader() {
        for (String option : new String[] {"keep-alive", "Close"}) {
            HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
            request.headers().set("Connection", option).set("Keep-Alive", "timeout=5").set("X-Kept", "1");
            HopHeaders.removeHopByHop(request.headers());
            assertThat(request.headers().names()).containsExactly("X-Kept");
        }
    }
}
