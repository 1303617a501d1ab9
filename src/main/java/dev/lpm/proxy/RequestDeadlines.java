package dev.lpm.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Two deadlines for a client connection, set on its own event loop: a request's headers must arrive
 * within {@code headerTimeout} of its first byte (slowloris), and a connection with no request in
 * flight is closed after {@code idleTimeout}. While an exchange runs (a slow upstream, a long
 * download, an event stream) neither applies. Sits before the HTTP decoder, so it sees raw bytes.
 */
final class RequestDeadlines extends ChannelInboundHandlerAdapter {

    private final Duration headerTimeout;
    private final Duration idleTimeout;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;
    private boolean awaitingHeaders;
    private boolean exchangeRunning;

    RequestDeadlines(Duration headerTimeout, Duration idleTimeout) {
        this.headerTimeout = headerTimeout;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        schedule(idleTimeout);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!exchangeRunning && !awaitingHeaders && msg instanceof ByteBuf buf && buf.isReadable()) {
            awaitingHeaders = true;
            schedule(headerTimeout);
        }
        super.channelRead(ctx, msg);
    }

    /** The proxy has a complete request head: the exchange runs without deadlines from here. */
    void headersReceived() {
        awaitingHeaders = false;
        exchangeRunning = true;
        cancel();
    }

    /** The response is complete and the connection stays open for the next request. */
    void exchangeFinished() {
        exchangeRunning = false;
        awaitingHeaders = false;
        schedule(idleTimeout);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void schedule(Duration delay) {
        cancel();
        timer = ctx.executor().schedule(() -> ctx.close(), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
