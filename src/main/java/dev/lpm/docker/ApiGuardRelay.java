package dev.lpm.docker;

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
 * After the engine hijacked a connection (attach, exec), both sides carry raw stream bytes: this
 * relays them with backpressure and passes a half-close on, because `docker run -i` ends stdin by
 * shutting down its write side and still waits for the container's output.
 */
final class ApiGuardRelay extends ChannelInboundHandlerAdapter {

    private final Channel peer;

    ApiGuardRelay(Channel peer) {
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
