package dev.lpm.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One request forwarded to a service and its response streamed back, all on the client connection's
 * event loop. Bodies are never buffered beyond what arrives before the upstream connection is ready;
 * each direction stops reading when the other cannot keep up (autoRead), so memory stays flat for
 * bodies of any size.
 */
final class Exchange {

    private final ProxyConnectionHandler client;
    private final ChannelHandlerContext clientCtx;
    private final Upstreams upstreams;
    private final Route route;
    private final HttpRequest request;
    private final boolean upgrade;
    private final boolean head;
    /** The client's HTTP version; the request itself goes upstream as HTTP/1.1. */
    private final HttpVersion clientVersion;
    /** Body bytes held while the upstream connection is made, before reading from the client pauses. */
    private static final int EARLY_BODY_LIMIT = 64 * 1024;
    /** RFC 9110 9.2.1: requests that change nothing, so sending one twice is harmless. */
    private static final Set<HttpMethod> SAFE_METHODS =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    /** Made only for a body that arrives before the connection: most requests have none. */
    private List<HttpContent> earlyBody = List.of();
    private long earlyBodyBytes;

    private boolean clientKeepAlive;
    private boolean requestComplete;
    private Channel upstream;
    private UpstreamHandler upstreamHandler;
    private InetSocketAddress upstreamAddress;
    private boolean pooled;
    private boolean responseStarted;
    private boolean informational;
    private boolean upstreamKeepAlive = true;
    private int status;
    private boolean finished;
    /** Whether any body bytes (or trailers) went to the service: a request without them can be sent again. */
    private boolean bodySent;
    /** Whether anything at all came back from the service for this exchange. */
    private boolean heardFromService;
    private boolean retried;

    Exchange(ProxyConnectionHandler client, ChannelHandlerContext clientCtx, Upstreams upstreams, Route route,
             HttpRequest request) {
        this.client = client;
        this.clientCtx = clientCtx;
        this.upstreams = upstreams;
        this.route = route;
        this.request = request;
        this.clientKeepAlive = HttpUtil.isKeepAlive(request);
        this.upgrade = request.headers().contains(HttpHeaderNames.UPGRADE)
                && request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
        this.head = HttpMethod.HEAD.equals(request.method());
        this.clientVersion = request.protocolVersion();
        if (request instanceof LastHttpContent) {
            requestComplete = true; // a FullHttpRequest: head and body in one
        }
    }

    int status() {
        return status;
    }

    boolean askedWithHead() {
        return head;
    }

    /** Whether the client's connection stays open after this exchange (as its request asked, until the response says otherwise). */
    boolean clientKeepsAlive() {
        return clientKeepAlive;
    }

    boolean requestComplete() {
        return requestComplete;
    }

    HttpRequest request() {
        return request;
    }

    String routeName() {
        return route.name();
    }

    /** {@code hopsSoFar}: the request's hop count, read once by the connection for its loop check. */
    void start(int hopsSoFar) {
        HopHeaders.forUpstream(request, client.clientIp(), upgrade, hopsSoFar, client.protocol().tls());
        upstreams.connect(clientCtx.channel().eventLoop(), route, upgrade, this::connected);
    }

    /** Called with the upstream connection, or with the reason none could be made. */
    private void connected(Channel connection, InetSocketAddress address, String problem) {
        if (finished) {
            if (connection != null) {
                upstreams.discard(connection, pooled);
            }
            return;
        }
        if (connection == null) {
            releaseEarlyBody();
            client.failed(this, ProxyPages.badGateway(route, problem, ProxyPages.wantsHtml(request.headers().get(HttpHeaderNames.ACCEPT))));
            finished = true;
            return;
        }
        upstream = connection;
        upstreamAddress = address;
        pooled = !upgrade;
        upstreamHandler = upstream.pipeline().get(UpstreamHandler.class);
        upstreamHandler.attach(this);
        if (retried) {
            // The whole request, again: a head of its own (a first one with its body was consumed) and its end.
            upstream.write(new DefaultHttpRequest(request.protocolVersion(), request.method(), request.uri(),
                    request.headers()), upstream.voidPromise());
            upstream.write(LastHttpContent.EMPTY_LAST_CONTENT, upstream.voidPromise());
        } else {
            upstream.write(request, upstream.voidPromise());
        }
        for (int i = 0; i < earlyBody.size(); i++) {
            noteBody(earlyBody.get(i));
            upstream.write(earlyBody.get(i), upstream.voidPromise());
        }
        earlyBody = List.of();
        upstream.flush();
        // Body bytes that arrived while connecting were held back; the rest may flow now.
        setClientReading(requestComplete || upstream.isWritable());
    }

    /** A piece of the request body from the client. */
    void fromClient(HttpContent content) {
        if (content instanceof LastHttpContent) {
            requestComplete = true;
        }
        if (finished) {
            ReferenceCountUtil.release(content);
            return;
        }
        if (upstream == null) {
            if (earlyBody.isEmpty()) {
                earlyBody = new ArrayList<>();
            }
            earlyBody.add(content);
            earlyBodyBytes += content.content().readableBytes();
            if (earlyBodyBytes > EARLY_BODY_LIMIT) {
                setClientReading(false); // hold the client until the service is connected
            }
            return;
        }
        noteBody(content);
        upstream.write(content, upstream.voidPromise());
        if (!upstream.isWritable()) {
            setClientReading(false);
        }
    }

    private void noteBody(HttpContent content) {
        if (content.content().isReadable()
                || content instanceof LastHttpContent last && !last.trailingHeaders().isEmpty()) {
            bodySent = true;
        }
    }

    /**
     * Pauses or resumes reading from the client. Only called when a body outruns the service, so a
     * plain request costs no extra system calls (each pause/resume is an epoll_ctl).
     */
    private void setClientReading(boolean read) {
        clientCtx.channel().config().setAutoRead(read);
    }

    void clientReadComplete() {
        if (upstream != null) {
            upstream.flush();
        }
    }

    void upstreamWritabilityChanged(boolean writable) {
        if (writable && !finished) {
            setClientReading(true);
        }
    }

    void clientWritabilityChanged(boolean writable) {
        if (upstream != null && !finished) {
            upstream.config().setAutoRead(writable);
        }
    }

    /** What the service sent: response head, body pieces, or (after a 101) raw bytes. */
    void fromUpstream(Object msg) {
        if (finished) {
            ReferenceCountUtil.release(msg);
            return;
        }
        heardFromService = true;
        if (msg instanceof HttpResponse response) {
            onResponseHead(response);
            if (upgrade && response.status().code() == 101) {
                return; // the switch happens at the 101's LastHttpContent
            }
        }
        if (msg instanceof HttpContent content) {
            clientCtx.write(content, clientCtx.voidPromise());
            if (msg instanceof LastHttpContent) {
                onResponseEnd();
            } else if (!clientCtx.channel().isWritable()) {
                upstream.config().setAutoRead(false);
            }
            return;
        }
        if (msg instanceof ByteBuf raw) {
            clientCtx.write(raw, clientCtx.voidPromise()); // bytes after a 101, before the relay took over
            return;
        }
        if (!(msg instanceof HttpObject)) {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onResponseHead(HttpResponse response) {
        int code = response.status().code();
        informational = code >= 100 && code < 200 && code != 101;
        if (informational) {
            clientCtx.write(response, clientCtx.voidPromise()); // 100 Continue, 103 Early Hints: relayed, the real response follows
            return;
        }
        responseStarted = true;
        status = code;
        if (code == 101 && upgrade) {
            clientCtx.write(response);
            return;
        }
        upstreamKeepAlive = HttpUtil.isKeepAlive(response);
        upstreamHandler.serviceKeepAlive(response.headers().get(HttpHeaderNames.KEEP_ALIVE));
        HopHeaders.removeHopByHop(response.headers());
        boolean delimitedByClose = !HttpUtil.isContentLengthSet(response) && !HttpUtil.isTransferEncodingChunked(response)
                && !head && code != 204 && code != 304;
        if (delimitedByClose || !requestCompleteOrUpgrade()) {
            clientKeepAlive = false;
        }
        if (clientVersion.equals(HttpVersion.HTTP_1_0) && HttpUtil.isTransferEncodingChunked(response)) {
            // An HTTP/1.0 client cannot read chunks: send the raw body and end it by closing.
            HttpUtil.setTransferEncodingChunked(response, false);
            clientKeepAlive = false;
        }
        if (!clientKeepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (clientVersion.equals(HttpVersion.HTTP_1_0)) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        clientCtx.write(response, clientCtx.voidPromise());
    }

    private boolean requestCompleteOrUpgrade() {
        return requestComplete || upgrade;
    }

    private void onResponseEnd() {
        if (informational) {
            informational = false;
            clientCtx.flush();
            return;
        }
        if (upgrade && status == 101) {
            switchToRelay();
            return;
        }
        finished = true;
        Channel up = upstream;
        upstreamHandler.detach();
        if (pooled && upstreamKeepAlive && requestComplete) {
            upstreams.release(up, upstreamAddress);
        } else {
            up.close();
        }
        client.finished(this, clientKeepAlive);
    }

    void upstreamReadComplete() {
        clientCtx.flush();
    }

    private void switchToRelay() {
        finished = true;
        Channel up = upstream;
        clientCtx.flush();
        client.switchToRelay(this, up);
        ProxyConnectionHandler.replaceWithRelay(up.pipeline(), clientCtx.channel(), UpstreamHandler.class);
        up.config().setAutoRead(true);
    }

    /** The service closed the connection or failed. */
    void upstreamClosed(Throwable cause) {
        if (finished) {
            return;
        }
        if (mayRetry()) {
            retry();
            return;
        }
        finished = true;
        if (!responseStarted) {
            String problem = cause == null ? "it closed the connection without a response" : cause.toString();
            client.failed(this, ProxyPages.badGateway(route, problem, ProxyPages.wantsHtml(request.headers().get(HttpHeaderNames.ACCEPT))));
        } else {
            // Part of the response is out: the only honest signal left is to cut the client off.
            client.abort(this);
        }
    }

    /**
     * Whether the request may go again on a new connection: a pooled connection the service closed as
     * the request went out (its keep-alive timeout ran out at that moment) leaves the request unanswered,
     * and the service never saw it or never began an answer. Only once, only for a safe method without a
     * body (RFC 9110 9.2.2: a proxy must not repeat a request that may have changed something).
     */
    private boolean mayRetry() {
        return !retried && !heardFromService && pooled && requestComplete && !bodySent
                && upstreamHandler.reused() && SAFE_METHODS.contains(request.method());
    }

    private void retry() {
        retried = true;
        upstreamHandler.detach();
        upstream.close();
        upstream = null;
        upstreamHandler = null;
        upstreams.connectNew(clientCtx.channel().eventLoop(), route, this::connected);
    }

    /**
     * The request's body turned out unreadable: the service's connection is closed before the request
     * ends, so the service never sees it complete. Returns whether part of the response was already
     * sent to the client.
     */
    boolean abandon() {
        clientClosed();
        return responseStarted;
    }

    /** The client went away (or the proxy is stopping): drop the upstream connection. */
    void clientClosed() {
        releaseEarlyBody();
        if (finished) {
            return;
        }
        finished = true;
        if (upstream != null) {
            upstreamHandler.detach();
            upstream.close();
        }
    }

    private void releaseEarlyBody() {
        earlyBody.forEach(ReferenceCountUtil::release);
        earlyBody = List.of();
    }
}
