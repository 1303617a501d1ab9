package dev.lpm.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The idle timeout of an HTTP/2 connection: closed (with a GOAWAY) after {@code idle} without a frame in
 * either direction while no stream is open. A stream that waits quietly (an event stream) keeps it open,
 * as an exchange in flight keeps an HTTP/1.1 connection open.
 */
final class Http2IdleClose extends IdleStateHandler {

    private final Http2FrameCodec codec;

    Http2IdleClose(Duration idle, Http2FrameCodec codec) {
        super(0, 0, idle.toNanos(), TimeUnit.NANOSECONDS);
        this.codec = codec;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
        if (codec.connection().numActiveStreams() == 0) {
            ctx.close();
        }
    }
}
