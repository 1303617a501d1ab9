package dev.lpm.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/** The last handler of an upstream connection: hands what the service sends to the current exchange. */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {

    private Exchange exchange;
    /** How many exchanges this connection has carried, the current one included. */
    private int exchanges;
    /** From the service's last Keep-Alive header: see {@link KeepAliveTimeout#reusableNanos}. */
    private long reusableNanos = -1;
    /** System.nanoTime() after which this idle connection is not reused; meaningful while pooled. */
    private long retireAt;

    void attach(Exchange exchange) {
        this.exchange = exchange;
        exchanges++;
    }

    /** Whether the connection carried an exchange before the current one (it came from the pool). */
    boolean reused() {
        return exchanges > 1;
    }

    /** The service's Keep-Alive header of the response now arriving (null when it sent none). */
    void serviceKeepAlive(String header) {
        reusableNanos = KeepAliveTimeout.reusableNanos(header);
    }

    /** Called as the connection goes back to the pool; false when the service's timeout leaves no time to reuse it. */
    boolean startIdle(long now) {
        retireAt = now + reusableNanos;
        return reusableNanos != 0;
    }

    /** Whether an idle connection may still carry a request at {@code now} (the service has not timed it out). */
    boolean reusableAt(long now) {
        return reusableNanos < 0 || now - retireAt < 0; // set only by a response, never while idle
    }

    void detach() {
        this.exchange = null;
    }

    /** Whether the response now arriving answers a HEAD request (no body follows its head). */
    boolean answeringHead() {
        Exchange current = exchange;
        return current != null && current.askedWithHead();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (exchange != null) {
            exchange.fromUpstream(msg);
        } else {
            // A service talking out of turn on an idle pooled connection: that connection is unusable.
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.upstreamReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.upstreamWritabilityChanged(ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.upstreamClosed(null);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (exchange != null) {
            exchange.upstreamClosed(cause);
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent && exchange == null) {
            ctx.close(); // idle in the pool for too long
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}
