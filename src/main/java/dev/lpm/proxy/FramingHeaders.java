package dev.lpm.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.Iterator;

/**
 * The headers that decide where a request goes and where it ends, checked after decoding: lpm forwards a
 * request only when they leave one reading (RFC 9112 6.1, 6.3; RFC 9110 7.2). A request that passes has
 * at most one Host, and either no Transfer-Encoding or exactly one, "chunked".
 */
final class FramingHeaders {

    /** Why a request is refused, with the status to answer; the connection is closed after it. */
    record Refusal(int status, String headline, String detail) {}

    private FramingHeaders() {}

    /** The refusal for {@code request}, or null when its framing and routing headers are unambiguous. */
    static Refusal check(HttpRequest request) {
        HttpHeaders headers = request.headers();
        Iterator<? extends CharSequence> hosts = headers.valueCharSequenceIterator(HttpHeaderNames.HOST);
        if (hosts.hasNext()) {
            hosts.next();
            if (hosts.hasNext()) {
                return new Refusal(400, "Bad request", "The request has more than one Host header.");
            }
        }
        Iterator<? extends CharSequence> codings = headers.valueCharSequenceIterator(HttpHeaderNames.TRANSFER_ENCODING);
        if (!codings.hasNext()) {
            return null;
        }
        if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            // HTTP/1.0 has no Transfer-Encoding: a 1.0 service would read the chunks as the body itself.
            return new Refusal(400, "Bad request", "An HTTP/1.0 request cannot have a Transfer-Encoding.");
        }
        CharSequence value = codings.next();
        if (!codings.hasNext() && AsciiString.contentEqualsIgnoreCase(value, HttpHeaderValues.CHUNKED)) {
            return null;
        }
        if (!endsWithChunked(value, codings)) {
            // RFC 9112 6.3: without chunked last the body's length cannot be known.
            return new Refusal(400, "Bad request", "Transfer-Encoding must end with chunked.");
        }
        // Codings before chunked (gzip, identity) or the header twice: lpm forwards plain chunked only.
        return new Refusal(501, "Not implemented", "lpm forwards only Transfer-Encoding: chunked, as one header.");
    }

    private static boolean endsWithChunked(CharSequence first, Iterator<? extends CharSequence> rest) {
        CharSequence last = first;
        while (rest.hasNext()) {
            last = rest.next();
        }
        String text = last.toString();
        int comma = text.lastIndexOf(',');
        return text.substring(comma + 1).trim().equalsIgnoreCase("chunked");
    }
}
