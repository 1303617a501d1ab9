package dev.lpm.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.ReferenceCountUtil;

/**
 * Makes an HTTP/2 stream, as Netty's {@code Http2StreamFrameToHttpObjectCodec} presents it, look like the
 * one-request connection {@link ProxyConnectionHandler} and {@link Exchange} already serve:
 * <ul>
 * <li>the codec's own {@code x-http2-*} bookkeeping headers do not go to the service;</li>
 * <li>a request that came whole (HEADERS with END_STREAM) is handed on as head and end, the way the
 *     HTTP/1.1 decoder hands on every request;</li>
 * <li>an informational response (100, 103) from the service, which arrives as a head and an empty end,
 *     becomes the single HEADERS frame HTTP/2 sends for it;</li>
 * <li>the empty buffer the connection handler writes to learn when everything before it is out becomes
 *     a flush: on a stream, the response's end already closes it.</li>
 * </ul>
 */
final class Http2StreamAdapter extends ChannelDuplexHandler {

    private boolean afterInformational;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            for (HttpConversionUtil.ExtensionHeaderNames name : HttpConversionUtil.ExtensionHeaderNames.values()) {
                request.headers().remove(name.text());
            }
            if (msg instanceof FullHttpRequest full) {
                // A stream that ended with its HEADERS frame arrives whole; the connection handler takes a
                // request's head and its end apart, as the HTTP/1.1 decoder delivers them.
                ctx.fireChannelRead(new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(), full.headers()));
                ctx.fireChannelRead(new DefaultLastHttpContent(full.content(), full.trailingHeaders()));
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && !(msg instanceof FullHttpResponse)
                && response.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL) {
            afterInformational = true;
            ctx.write(new DefaultFullHttpResponse(response.protocolVersion(), response.status(),
                    io.netty.buffer.Unpooled.EMPTY_BUFFER, response.headers(), EmptyHttpHeaders.INSTANCE), promise);
            return;
        }
        if (afterInformational && msg instanceof LastHttpContent last) {
            afterInformational = false;
            ReferenceCountUtil.release(last);
            promise.trySuccess();
            return;
        }
        if (msg instanceof ByteBuf buf && !buf.isReadable()) {
            buf.release();
            ctx.flush();
            promise.trySuccess();
            return;
        }
        ctx.write(msg, promise);
    }
}
