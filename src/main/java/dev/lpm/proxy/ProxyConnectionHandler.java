package dev.lpm.proxy;

import dev.lpm.net.ByteRelay;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One client connection: takes decoded requests one at a time (pipelined ones wait in order), answers
 * the ones lpm answers itself (index, 404, 403, 508, malformed), hands the rest to an
 * {@link Exchange}, and writes the access log entry when each is done.
 */
final class ProxyConnectionHandler extends ChannelInboundHandlerAdapter {

    /** Pipelined messages held before reading from the client pauses. */
    private static final int MAX_WAITING = 64;

    private final ProxyContext proxy;
    private final ClientProtocol protocol;
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private RequestDeadlines deadlines;
    private Exchange exchange;
    private boolean discardingBody;
    private long startedNanos;
    private long startedAtMillis;
    private String clientVersion;
    /**
     * Set once lpm has decided to close this connection after what it is writing. What the decoder still
     * produces from bytes already read is dropped: after a refused request, lpm cannot know where the next
     * one starts, and bytes a misframed body left over must never become a request.
     */
    private boolean closing;
    /** The client's address as text, for X-Forwarded-For: worked out once per connection. */
    private String clientIp;

    ProxyConnectionHandler(ProxyContext proxy, ClientProtocol protocol) {
        this.proxy = proxy;
        this.protocol = protocol;
    }

    ClientProtocol protocol() {
        return protocol;
    }

    private String scheme() {
        return protocol.tls() ? "https" : "http";
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.deadlines = ctx.pipeline().get(RequestDeadlines.class);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!waiting.isEmpty() || (msg instanceof HttpRequest && exchange != null)) {
            waiting.add(msg); // a pipelined request: its turn comes when the current one is answered
            if (waiting.size() > MAX_WAITING) {
                ctx.channel().config().setAutoRead(false); // a client pipelining without end waits
            }
            return;
        }
        dispatch(msg);
    }

    private void dispatch(Object msg) {
        if (msg instanceof HttpRequest request) {
            onRequest(request);
        }
        if (msg instanceof HttpContent content) {
            if (content.decoderResult().isFailure()) {
                bodyCannotBeFramed(content);
            } else if (exchange != null && !discardingBody) {
                exchange.fromClient(content);
            } else {
                content.release();
                if (content instanceof LastHttpContent) {
                    discardingBody = false;
                }
            }
        } else if (!(msg instanceof HttpObject)) {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(HttpRequest request) {
        startedNanos = System.nanoTime();
        startedAtMillis = System.currentTimeMillis();
        clientVersion = protocol.label(request.protocolVersion());
        deadlines.headersReceived();
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            respondAndClose(request, malformed(result.cause()));
            return;
        }
        FramingHeaders.Refusal refusal = FramingHeaders.check(request);
        if (refusal != null) {
            respondAndClose(request, ProxyPages.error(refusal.status(), refusal.headline(), refusal.detail()));
            return;
        }
        if (HttpMethod.CONNECT.equals(request.method())) {
            // A reverse proxy for NAME.localhost has nothing to tunnel; forwarded, a CONNECT would leave the
            // two connections speaking different protocols.
            respondLocally(request, ProxyPages.error(405, "Method not allowed",
                    "lpm forwards requests to NAME.localhost services; it does not open tunnels (CONNECT)."), "-");
            return;
        }
        HostRouting.Target target = HostRouting.resolve(request.headers().get(HttpHeaderNames.HOST), proxy.routes());
        int hops = HopHeaders.hops(request);
        if (hops >= proxy.config().maxHops()) {
            String name = target instanceof HostRouting.ToService to ? to.route().name() : "-";
            respondLocally(request, ProxyPages.loop(name, wantsHtml(request)), name);
            return;
        }
        switch (target) {
            case HostRouting.ToService to -> {
                exchange = new Exchange(this, ctx, proxy.upstreams(), to.route(), request);
                exchange.start(hops);
            }
            case HostRouting.Index index -> respondLocally(request,
                    ProxyPages.index(proxy.routes().all(), proxy.config().port(), scheme(), null, wantsHtml(request)), "-");
            case HostRouting.Unknown unknown -> respondLocally(request,
                    ProxyPages.index(proxy.routes().all(), proxy.config().port(), scheme(), unknown.name(),
                    wantsHtml(request)), "-");
            case HostRouting.Forbidden forbidden ->
                    respondLocally(request, ProxyPages.forbiddenHost(forbidden.host(), wantsHtml(request)), "-");
        }
    }

    /**
     * The decoder lost the request's framing in its body (a bad chunk size, say). What was forwarded so far
     * must never end as a complete request, so the service's connection is dropped; the client gets a 400
     * if no answer has started, and the connection closes either way: its next byte cannot be found.
     */
    private void bodyCannotBeFramed(HttpContent failed) {
        Throwable cause = failed.decoderResult().cause();
        failed.release();
        discardingBody = false;
        Exchange broken = exchange;
        exchange = null;
        if (broken != null) {
            if (!broken.abandon()) {
                write(broken.request(), malformed(cause), false, broken.routeName());
                return;
            }
            log(broken.request(), broken.routeName(), broken.status());
        }
        closeAfter(ctx.writeAndFlush(Unpooled.EMPTY_BUFFER));
    }

    private void closeAfter(io.netty.channel.ChannelFuture written) {
        closing = true;
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
        written.addListener(ChannelFutureListener.CLOSE);
    }

    private static boolean wantsHtml(HttpRequest request) {
        return ProxyPages.wantsHtml(request.headers().get(HttpHeaderNames.ACCEPT));
    }

    String clientIp() {
        if (clientIp == null) {
            var address = (java.net.InetSocketAddress) ctx.channel().remoteAddress();
            clientIp = address == null ? "127.0.0.1" : address.getAddress().getHostAddress();
        }
        return clientIp;
    }

    private static ProxyPages.Page malformed(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return ProxyPages.error(414, "URI too long", "The request line is longer than lpm accepts.");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return ProxyPages.error(431, "Request header fields too large", "The request headers are larger than lpm accepts.");
        }
        if (cause instanceof TooLongFrameException) {
            return ProxyPages.error(400, "Bad request", "A part of the request is too large.");
        }
        return ProxyPages.error(400, "Bad request", "lpm could not read this request: " + cause.getMessage());
    }

    /** An answer from lpm itself; the request's body, if any, is read and dropped. */
    private void respondLocally(HttpRequest request, ProxyPages.Page page, String service) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!(request instanceof LastHttpContent)) {
            discardingBody = true;
        }
        write(request, page, keepAlive, service);
        if (keepAlive) {
            deadlines.exchangeFinished();
        }
    }

    private void respondAndClose(HttpRequest request, ProxyPages.Page page) {
        write(request, page, false, "-");
    }

    private void write(HttpRequest request, ProxyPages.Page page, boolean keepAlive, String service) {
        byte[] body = page.body().getBytes(StandardCharsets.UTF_8);
        boolean head = HttpMethod.HEAD.equals(request.method());
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(page.status()), head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, page.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        log(request, service, page.status());
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            closeAfter(written);
        }
    }

    /** The exchange's response is complete. */
    void finished(Exchange done, boolean keepAlive) {
        log(done.request(), done.routeName(), done.status());
        exchange = null;
        if (!keepAlive) {
            closeAfter(ctx.writeAndFlush(Unpooled.EMPTY_BUFFER));
            return;
        }
        ctx.flush();
        deadlines.exchangeFinished();
        ctx.channel().config().setAutoRead(true);
        drainWaiting();
    }

    /** The exchange could not reach its service: answer with the page instead. */
    void failed(Exchange failed, ProxyPages.Page page) {
        exchange = null;
        // What the client asked: the request's own headers now say what went to the service.
        boolean keepAlive = failed.requestComplete() && failed.clientKeepsAlive();
        discardingBody = !failed.requestComplete();
        write(failed.request(), page, keepAlive, failed.routeName());
        if (keepAlive) {
            deadlines.exchangeFinished();
            ctx.channel().config().setAutoRead(true);
            drainWaiting();
        }
    }

    /** The service broke off in the middle of a response. */
    void abort(Exchange aborted) {
        log(aborted.request(), aborted.routeName(), aborted.status());
        exchange = null;
        closing = true;
        ctx.flush();
        ctx.close();
    }

    /** A 101 went out: this connection becomes a raw relay to {@code upstream}. */
    void switchToRelay(Exchange upgraded, Channel upstream) {
        log(upgraded.request(), upgraded.routeName(), 101);
        exchange = null;
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
        replaceWithRelay(ctx.pipeline(), upstream, ProxyConnectionHandler.class);
        ctx.channel().config().setAutoRead(true);
    }

    /**
     * Replaces every handler of {@code pipeline} but the connection limiter, TLS and an HTTP/2 stream's
     * WebSocket framing with a relay to
     * {@code peer}. Decoders go last, so bytes they still hold flow into the relay.
     */
    static void replaceWithRelay(ChannelPipeline pipeline, Channel peer, Class<? extends ChannelHandler> self) {
        pipeline.addLast("relay", new ByteRelay(peer));
        List<String> decoders = new ArrayList<>();
        for (Map.Entry<String, ChannelHandler> entry : pipeline.toMap().entrySet()) {
            ChannelHandler handler = entry.getValue();
            if (handler instanceof ByteRelay || handler instanceof ConnectionLimiter
                    || handler instanceof io.netty.handler.ssl.SslHandler || handler instanceof Http2WebSocketTunnel) {
                continue;
            }
            if (handler instanceof io.netty.handler.codec.ByteToMessageDecoder
                    || handler instanceof io.netty.channel.CombinedChannelDuplexHandler<?, ?>) {
                decoders.add(entry.getKey());
            } else {
                pipeline.remove(entry.getKey());
            }
        }
        decoders.forEach(pipeline::remove);
    }

    private void drainWaiting() {
        while (!waiting.isEmpty() && ctx.channel().isActive()) {
            if (waiting.peek() instanceof HttpRequest && exchange != null) {
                return;
            }
            dispatch(waiting.poll());
        }
    }

    private void log(HttpRequest request, String service, int status) {
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        proxy.accessLog().record(new AccessLog.Entry(startedAtMillis, request.method().name(), request.uri(),
                clientVersion, service, status, millis, proxy.vpnActive()));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.clientReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.clientWritabilityChanged(ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.clientClosed();
            exchange = null;
        }
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
