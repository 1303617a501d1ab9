package dev.lpm.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * WebSocket over HTTP/2 (RFC 8441): a stream that opens with an extended CONNECT ({@code :protocol
 * websocket}) goes to the service as the HTTP/1.1 Upgrade request it understands, and once the service
 * switched protocols ({@link Http2StreamAdapter} answers the client 200), the stream's DATA frames carry
 * the WebSocket bytes both ways through {@link dev.lpm.net.ByteRelay}. Sits next to the stream channel,
 * before the HTTP/1.1 conversion, and stays when the relay replaces everything else.
 */
final class Http2WebSocketTunnel extends ChannelDuplexHandler {

    private static final String WEBSOCKET = "websocket";
    /** Set on a stream channel whose request is a WebSocket tunnel, for {@link Http2StreamAdapter}. */
    static final io.netty.util.AttributeKey<Boolean> OPENED = io.netty.util.AttributeKey.valueOf("lpm.h2.websocket");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2HeadersFrame frame && isWebSocketConnect(frame.headers())) {
            Http2Headers headers = frame.headers();
            headers.remove(Http2Headers.PseudoHeaderName.PROTOCOL.value());
            headers.method("GET");
            // Upgrade and Connection are added after the conversion to HTTP/1.1, which drops them.
            ctx.channel().attr(OPENED).set(Boolean.TRUE);
            // RFC 8441 5: no key on HTTP/2; the service's HTTP/1.1 handshake needs one, and its answer stays here.
            byte[] key = new byte[16];
            RANDOM.nextBytes(key);
            headers.set(HttpHeaderNames.SEC_WEBSOCKET_KEY, Base64.getEncoder().encodeToString(key));
            // The request has no body: without a length the conversion would make it chunked.
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean isWebSocketConnect(Http2Headers headers) {
        CharSequence protocol = headers.get(Http2Headers.PseudoHeaderName.PROTOCOL.value());
        return "CONNECT".contentEquals(headers.method() == null ? "" : headers.method())
                && protocol != null && WEBSOCKET.contentEquals(protocol);
    }

    /** After the switch the relay writes raw bytes: each becomes a DATA frame, the empty last one ends the stream. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf bytes) {
            ctx.write(new DefaultHttp2DataFrame(bytes, !bytes.isReadable()), promise);
            return;
        }
        ctx.write(msg, promise);
    }
}
