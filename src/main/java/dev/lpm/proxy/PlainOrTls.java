package dev.lpm.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import java.util.List;

/**
 * Tells a TLS client from a plain HTTP one by its first record header (Netty's {@link SslHandler#isEncrypted}),
 * so one port serves {@code http://} and {@code https://}, then puts the matching handlers in its place.
 * The bytes it looked at go on to them. A client that stalls before sending five bytes is closed by
 * {@link RequestDeadlines}' header timeout.
 */
final class PlainOrTls extends ByteToMessageDecoder {

    /** A TLS record header: type, version, length. */
    private static final int RECORD_HEADER = 5;

    private final ClientPipelines pipelines;

    PlainOrTls(ClientPipelines pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < RECORD_HEADER) {
            return;
        }
        if (SslHandler.isEncrypted(in, false)) {
            pipelines.addTls(ctx.pipeline(), ctx.alloc());
        } else {
            pipelines.addHttp1(ctx.pipeline(), ClientProtocol.HTTP);
        }
        ctx.pipeline().remove(this);
    }
}
