package dev.lpm.proxy;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.util.AsciiString;
import java.util.function.BooleanSupplier;

/**
 * Decodes a service's responses. Unlike Netty's client codec it does not keep its own queue of the
 * methods sent: a pooled connection carries one exchange at a time, and the exchange knows whether it
 * asked with HEAD, whose response has headers that describe a body that never comes. Known header
 * names are shared objects ({@link KnownHeaderNames}).
 */
final class UpstreamResponseDecoder extends HttpResponseDecoder {

    /** Dev servers send large Set-Cookie and Content-Security-Policy headers; the request side is stricter. */
    static HttpDecoderConfig config() {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(8 * 1024)
                .setMaxHeaderSize(64 * 1024)
                .setMaxChunkSize(64 * 1024);
    }

    private final BooleanSupplier askedWithHead;

    UpstreamResponseDecoder(BooleanSupplier askedWithHead) {
        super(config());
        this.askedWithHead = askedWithHead;
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage message) {
        return super.isContentAlwaysEmpty(message) || askedWithHead.getAsBoolean();
    }

    @Override
    protected AsciiString splitHeaderName(byte[] bytes, int start, int length) {
        AsciiString known = KnownHeaderNames.find(bytes, start, length);
        return known != null ? known : super.splitHeaderName(bytes, start, length);
    }
}
