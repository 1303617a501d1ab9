package dev.lpm.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * One side of a raw byte relay between two connections: after a protocol switch (WebSocket's 101, the
 * Docker API's hijacked attach/exec) and in the TCP forwarder. Each side writes what it reads to its
 * peer, with backpressure (reading pauses while the peer cannot take more), and passes a half-close
 * on when the channel allows half-closure (`docker run -i` ends stdin by shutting down its write side
 * and still waits for the output); a close on one side closes the other after a flush.
 */
public final class ByteRelay extends ChannelInboundHandlerAdapter {

    private final Channel peer;

    public ByteRelay(Channel peer) {
        this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // Bytes the HTTP decoder had already framed as body content before the switch come as HttpContent.
        ByteBuf bytes = msg instanceof ByteBufHolder holder ? holder.content() : msg instanceof ByteBuf b ? b : null;
        if (bytes == null || !bytes.isReadable()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        peer.write(bytes, peer.voidPromise());
        if (!peer.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        peer.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            peer.config().setAutoRead(true);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            Channel self = ctx.channel();
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
                if (peer instanceof DuplexChannel duplex && peer.isActive()) {
                    duplex.shutdownOutput().addListener(done -> {
                        if (duplex.isInputShutdown()) {
                            peer.close();
                        }
                    });
                } else {
                    peer.close();
                }
            });
            if (self instanceof DuplexChannel duplex && duplex.isOutputShutdown()) {
                self.close();
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (peer.isActive()) {
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
