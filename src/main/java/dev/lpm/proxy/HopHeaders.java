package dev.lpm.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Header work at the proxy boundary: hop-by-hop headers (RFC 9110 7.6.1) belong to one connection and
 * are not forwarded; the X-Forwarded-* headers tell the service who asked; the hop counter turns a
 * proxy loop into a 508.
 */
final class HopHeaders {

    static final String HOPS = "x-lpm-hops";

    private HopHeaders() {}

    /** Hops the request has already made through an lpm proxy (0 for a request from a client). */
    static int hops(HttpRequest request) {
        String value = request.headers().get(HOPS);
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Prepares a client's request for the service. {@code upgrade} keeps Connection/Upgrade (WebSocket). */
    static void forUpstream(HttpRequest request, InetSocketAddress client, boolean upgrade) {
        HttpHeaders headers = request.headers();
        String host = headers.get(HttpHeaderNames.HOST);
        if (!upgrade) {
            removeHopByHop(headers);
        }
        // Pooled upstream connections are HTTP/1.1 keep-alive whatever the client speaks.
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
        String clientIp = client == null ? "127.0.0.1" : client.getAddress().getHostAddress();
        String forwardedFor = headers.get("x-forwarded-for");
        headers.set("x-forwarded-for", forwardedFor == null ? clientIp : forwardedFor + ", " + clientIp);
        if (host != null) {
            headers.set("x-forwarded-host", host);
        }
        headers.set("x-forwarded-proto", "http");
        headers.set(HOPS, Integer.toString(hops(request) + 1));
    }

    /** Removes the headers that describe one connection, including those named in Connection. */
    static void removeHopByHop(HttpHeaders headers) {
        List<String> named = new ArrayList<>();
        for (String connection : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : connection.split(",")) {
                String name = token.trim();
                // The message's own framing is never a connection option, whatever a client claims.
                if (!name.isEmpty() && !name.equalsIgnoreCase("transfer-encoding")
                        && !name.equalsIgnoreCase("content-length")) {
                    named.add(name);
                }
            }
        }
        named.forEach(headers::remove);
        headers.remove(HttpHeaderNames.CONNECTION);
        headers.remove(HttpHeaderNames.KEEP_ALIVE);
        headers.remove("proxy-connection");
        headers.remove(HttpHeaderNames.TE);
        headers.remove(HttpHeaderNames.TRAILER);
        headers.remove(HttpHeaderNames.UPGRADE);
    }

    /** Whether an HTTP/1.1 request's Transfer-Encoding, if any, ends with chunked, as RFC 9112 6.3 requires. */
    static boolean transferEncodingIsValid(HttpRequest request) {
        List<String> values = request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (values.isEmpty()) {
            return true;
        }
        String last = values.getLast();
        String[] codings = last.split(",");
        return codings[codings.length - 1].trim().equalsIgnoreCase("chunked");
    }
}
