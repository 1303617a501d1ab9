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
    private static final AsciiString HTTP = AsciiString.cached("http");

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
        HttpHeaders headers = request.headers();
        String host = headers.get(HttpHeaderNames.HOST);
        if (!upgrade) {
            removeHopByHop(headers);
        }
        // Pooled upstream connections are HTTP/1.1 keep-alive whatever the client speaks.
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
        String forwardedFor = headers.get(X_FORWARDED_FOR);
        headers.set(X_FORWARDED_FOR, forwardedFor == null ? clientIp : forwardedFor + ", " + clientIp);
        if (host != null) {
            headers.set(X_FORWARDED_HOST, host);
        }
        headers.set(X_FORWARDED_PROTO, HTTP);
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
                // The message's own framing is never a connection option, whatever a client claims.
                if (!name.isEmpty() && !name.equalsIgnoreCase("transfer-encoding")
                        && !name.equalsIgnoreCase("content-length")) {
                    named.add(name);
                }
            }
        }
        named.forEach(headers::remove);
        removeFixedHopByHop(headers);
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
