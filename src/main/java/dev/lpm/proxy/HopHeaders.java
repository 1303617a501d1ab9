package dev.lpm.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Header work at the proxy boundary: hop-by-hop headers (RFC 9110 7.6.1) belong to one connection and
 * are not forwarded; the X-Forwarded-* headers tell the service who asked; the hop counter turns a
 * proxy loop into a 508.
 */
final class HopHeaders {

    // AsciiString names keep their hash: every lookup of a String name hashes it again.
    static final AsciiString HOPS = AsciiString.cached("x-lpm-hops");
    private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
    private static final AsciiString FORWARDED = AsciiString.cached("forwarded");
    private static final AsciiString HTTP = AsciiString.cached("http");
    private static final AsciiString HTTPS = AsciiString.cached("https");

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

    /** The hop counter's usual values, made once: one request more does not need a new string. */
    private static final AsciiString[] HOP_VALUES = IntStream.rangeClosed(0, 16)
            .mapToObj(i -> AsciiString.cached(Integer.toString(i))).toArray(AsciiString[]::new);

    private static CharSequence hopsValue(int hops) {
        return hops < HOP_VALUES.length ? HOP_VALUES[hops] : Integer.toString(hops);
    }

    /**
     * Prepares a client's request for the service. {@code upgrade} keeps Connection/Upgrade (WebSocket);
     * {@code hopsSoFar} is {@link #hops} of the request as it came.
     */
    static void forUpstream(HttpRequest request, String clientIp, boolean upgrade, int hopsSoFar) {
        forUpstream(request, clientIp, upgrade, hopsSoFar, false);
    }

    /** As above, {@code tls} telling the service (X-Forwarded-Proto) that the client came over https. */
    static void forUpstream(HttpRequest request, String clientIp, boolean upgrade, int hopsSoFar, boolean tls) {
        HttpHeaders headers = request.headers();
        String host = headers.get(HttpHeaderNames.HOST);
        if (!upgrade) {
            removeHopByHop(headers);
        }
        // Pooled upstream connections are HTTP/1.1 keep-alive whatever the client speaks.
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
        // Set, never appended to: every client is a local process, so what it claims about earlier hops is
        // only a way to make the service believe a request came from elsewhere.
        headers.set(X_FORWARDED_FOR, clientIp);
        if (host != null) {
            headers.set(X_FORWARDED_HOST, host);
        } else {
            headers.remove(X_FORWARDED_HOST);
        }
        headers.set(X_FORWARDED_PROTO, tls ? HTTPS : HTTP);
        headers.remove(FORWARDED); // the standard spelling of the same claims (RFC 7239)
        String coding = headers.get(HttpHeaderNames.TRANSFER_ENCODING);
        if (coding != null && !HttpHeaderValues.CHUNKED.contentEquals(coding)) {
            // "CHUNKED" passed FramingHeaders; a service that matches the name exactly reads it as chunked too.
            headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        headers.set(HOPS, hopsValue(hopsSoFar + 1));
    }

    /** Removes the headers that describe one connection, including those named in Connection. */
    static void removeHopByHop(HttpHeaders headers) {
        var values = headers.valueCharSequenceIterator(HttpHeaderNames.CONNECTION);
        if (!values.hasNext() || isPlainConnectionOption(values.next()) && !values.hasNext()) {
            removeFixedHopByHop(headers); // nearly every message: no other header named
            return;
        }
        List<String> named = new ArrayList<>();
        for (String connection : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : connection.split(",")) {
                String name = token.trim();
                if (!name.isEmpty() && !isEndToEnd(name)) {
                    named.add(name);
                }
            }
        }
        named.forEach(headers::remove);
        removeFixedHopByHop(headers);
    }

    /**
     * Headers a Connection option cannot remove, whatever a client lists. The message's framing
     * (Content-Length, Transfer-Encoding) belongs to the message. Host is what lpm routed on: removed, the
     * service would pick a virtual host of its own, so the two would disagree about where the request
     * went, and an HTTP/1.1 request without Host is invalid (RFC 9112 3.2). The X-Forwarded-* and hop
     * headers lpm sets itself right after. The names are ignored rather than refused: a sender must not list
     * end-to-end fields (RFC 9110 7.6.1), so a client that does is confused or probing, and keeping the
     * fields leaves it nothing to gain while an odd but harmless client keeps working.
     */
    private static boolean isEndToEnd(String name) {
        return name.equalsIgnoreCase("host") || name.equalsIgnoreCase("transfer-encoding")
                || name.equalsIgnoreCase("content-length") || name.regionMatches(true, 0, "x-forwarded-", 0, 12)
                || FORWARDED.contentEqualsIgnoreCase(name) || HOPS.contentEqualsIgnoreCase(name);
    }

    /** keep-alive and close name no other header (a header called Keep-Alive goes anyway). */
    private static boolean isPlainConnectionOption(CharSequence value) {
        return AsciiString.contentEqualsIgnoreCase(value, HttpHeaderValues.KEEP_ALIVE)
                || AsciiString.contentEqualsIgnoreCase(value, HttpHeaderValues.CLOSE);
    }

    private static void removeFixedHopByHop(HttpHeaders headers) {
        headers.remove(HttpHeaderNames.CONNECTION);
        headers.remove(HttpHeaderNames.KEEP_ALIVE);
        headers.remove(PROXY_CONNECTION);
        headers.remove(HttpHeaderNames.TE);
        headers.remove(HttpHeaderNames.TRAILER);
        headers.remove(HttpHeaderNames.UPGRADE);
    }
}
