package dev.lpm.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Two deadlines for a client connection: a request's head must arrive within {@code headerTimeout} of
 * its first byte (slowloris), and a connection with no request in flight is closed after
 * {@code idleTimeout}. While an exchange runs (a slow service, a long download, an event stream)
 * neither applies. Sits before the HTTP decoder, so it sees raw bytes.
 *
 * <p>Requests only move a deadline field; a single pending timer checks it when it fires and re-arms,
 * so a busy keep-alive connection costs no timer operations per request. The timer never sleeps
 * longer than the header timeout, so a deadline that moved earlier is enforced at most one header
 * timeout late.
 */
final class RequestDeadlines extends ChannelInboundHandlerAdapter {

    private static final long NONE = Long.MAX_VALUE;

    private final long headerTimeoutNanos;
    private final long idleTimeoutNanos;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;
    private long deadline = NONE;
    private boolean awaitingHeaders;
    private boolean exchangeRunning;

    RequestDeadlines(Duration headerTimeout, Duration idleTimeout) {
        this.headerTimeoutNanos = headerTimeout.toNanos();
        this.idleTimeoutNanos = idleTimeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        expireIn(idleTimeoutNanos);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!exchangeRunning && !awaitingHeaders && msg instanceof ByteBuf buf && buf.isReadable()) {
            awaitingHeaders = true;
            expireIn(headerTimeoutNanos);
        }
        super.channelRead(ctx, msg);
    }

    /** The proxy has a complete request head: the exchange runs without deadlines from here. */
    void headersReceived() {
        awaitingHeaders = false;
        exchangeRunning = true;
        deadline = NONE;
    }

    /** The response is complete and the connection stays open for the next request. */
    void exchangeFinished() {
        exchangeRunning = false;
        awaitingHeaders = false;
        expireIn(idleTimeoutNanos);
    }

    private void expireIn(long nanos) {
        deadline = System.nanoTime() + nanos;
        if (timer == null) {
            arm(nanos);
        }
    }

    private void arm(long nanos) {
        timer = ctx.executor().schedule(this::check, Math.min(nanos, headerTimeoutNanos), TimeUnit.NANOSECONDS);
    }

    private void check() {
        timer = null;
        if (deadline == NONE) {
            return; // an exchange is running; the next deadline arms a new timer
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            ctx.close();
        } else {
            arm(remaining);
        }
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

    private void cancel() {
        deadline = NONE;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
