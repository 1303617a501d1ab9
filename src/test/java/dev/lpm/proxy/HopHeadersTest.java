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
    void forwardingHeadersAreAddedAndTheHopCountGrows() {
        HttpRequest request = request(HttpVersion.HTTP_1_1);
        HopHeaders.forUpstream(request, "127.0.0.1", false, HopHeaders.hops(request));
        assertThat(request.headers().get("X-Forwarded-For")).isEqualTo("10.1.1.1, 127.0.0.1");
        assertThat(request.headers().get("X-Forwarded-Host")).isEqualTo("api.localhost:1355");
        assertThat(request.headers().get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(HopHeaders.hops(request)).isEqualTo(1);
        HopHeaders.forUpstream(request, "127.0.0.1", false, HopHeaders.hops(request));
        assertThat(HopHeaders.hops(request)).isEqualTo(2);
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
    void transferEncodingMustEndWithChunked() {
        HttpRequest ok = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
        ok.headers().set("Transfer-Encoding", "gzip, chunked");
        HttpRequest bad = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
        bad.headers().set("Transfer-Encoding", "chunked, gzip");
        HttpRequest none = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        assertThat(HopHeaders.transferEncodingIsValid(ok)).isTrue();
        assertThat(HopHeaders.transferEncodingIsValid(bad)).isFalse();
        assertThat(HopHeaders.transferEncodingIsValid(none)).isTrue();
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
