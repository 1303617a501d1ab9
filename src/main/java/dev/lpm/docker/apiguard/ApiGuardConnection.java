package dev.lpm.docker.apiguard;

import dev.lpm.core.Settings;
import dev.lpm.net.ByteRelay;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one guarded connection, paired with one engine connection on the same event
 * loop. One exchange at a time: the next request is read only after the previous response ended
 * (Docker clients never pipeline), so a refusal lpm answers itself can never overtake the engine's
 * answer, and nothing the client sends after an attach request is read before the engine said
 * whether it hijacks the connection. Requests pass through the HTTP codec on both sides, so the
 * engine sees exactly the framing lpm judged.
 */
final class ApiGuardConnection extends ChannelInboundHandlerAdapter {

    static final String NAME = "lpm-guard";
    static final String SERVER_CODEC = "http";
    static final String FLOW = "flow";
    static final String CLIENT_CODEC = "http";

    private static final Logger LOG = LoggerFactory.getLogger(ApiGuardConnection.class);
    /** A create request is a few KiB of JSON; anything far bigger is not one the guard should buffer. */
    static final int MAX_INSPECTED_BODY = 1 << 20;

    private final EngineConnector engineConnector;
    private final BooleanSupplier vpnActive;
    private final Supplier<Settings> settings;
    private final SharedNetworkCheck sharedNetwork;
    /** The lpm service whose process opened this connection, or {@code null} for anyone else. */
    private final String service;

    private ChannelHandlerContext ctx;
    private Channel engine;
    private String engineDown;

    // the current exchange
    private HttpRequest held;           // an inspected request, waiting for its whole body
    private CompositeByteBuf body;
    private ApiRoute route = ApiRoute.OTHER;
    private RequestTarget target;
    private boolean upgradeAsked;
    private boolean requestDone = true;
    private boolean responseDone = true;
    private boolean informational;
    private boolean switching;
    private boolean closeAfterResponse;
    private boolean readWhenWritable;

    ApiGuardConnection(EngineConnector engineConnector, BooleanSupplier vpnActive, Supplier<Settings> settings,
                       SharedNetworkCheck sharedNetwork, String service) {
        this.sharedNetwork = sharedNetwork;
        this.engineConnector = engineConnector;
        this.vpnActive = vpnActive;
        this.settings = settings;
        this.service = service;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        engineConnector.connect(ctx.channel().eventLoop(), new ApiGuardEngineHandler(this)).addListener((Future<Channel> f) -> {
            if (f.isSuccess()) {
                engine = f.getNow();
            } else {
                engineDown = "lpm: cannot reach the Docker engine at " + engineConnector.address() + ": "
                        + rootMessage(f.cause()) + ". Is dockerd running? (e.g. sudo systemctl start docker)";
                LOG.warn("{}", engineDown);
            }
            if (ctx.channel().isActive()) {
                ctx.read();
            } else if (engine != null) {
                engine.close();
            }
        });
    }

    // ---- client -> engine ----

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            startRequest(request);
        }
        if (msg instanceof HttpContent content) {
            requestContent(content);
        } else if (!(msg instanceof HttpRequest)) {
            ReferenceCountUtil.release(msg);
        }
    }

    private void startRequest(HttpRequest request) {
        requestDone = false;
        responseDone = false;
        informational = false;
        closeAfterResponse = !HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            refuse(400, "lpm: malformed request: " + request.decoderResult().cause().getMessage(), false);
            return;
        }
        if (engineDown != null) {
            refuse(502, engineDown, false);
            return;
        }
        try {
            target = RequestTarget.parse(request.uri());
        } catch (RequestTarget.Unreadable e) {
            refuse(400, "lpm: " + e.getMessage() + "; send an origin-form target such as /v1.41/containers/create",
                    false);
            return;
        }
        route = ApiRoute.of(request.method(), target);
        upgradeAsked = request.headers().contains(HttpHeaderNames.UPGRADE);
        if (route.inspected()) {
            // The engine routes exactly what lpm judged: the normalised target, the method in upper case.
            request.setUri(target.originForm());
            request.setMethod(HttpMethod.POST);
        }
        if (route == ApiRoute.BUILD) {
            String refusal = BuildRequestRules.refusal(target, settings.get().allowHostNetworkBuilds());
            if (refusal != null) {
                LOG.info("refused a build: {}", refusal);
                refuse(403, refusal, false); // the build context is not read: close after the answer
                return;
            }
        }
        if (route.bodyInspected()) {
            held = request;
            body = ctx.alloc().compositeBuffer();
            if (HttpUtil.is100ContinueExpected(request)) {
                // lpm reads the body before the engine sees the request, so lpm says "continue".
                request.headers().remove(HttpHeaderNames.EXPECT);
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            }
            ctx.read();
            return;
        }
        engine.writeAndFlush(request);
        readNextPiece();
    }

    private void requestContent(HttpContent content) {
        if (requestDone) {
            content.release(); // the rest of a request lpm already answered (refused); the connection closes
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (held != null) {
            if (body.readableBytes() + content.content().readableBytes() > MAX_INSPECTED_BODY) {
                content.release();
                refuse(413, "lpm: a " + route.name().toLowerCase() + " request body over "
                        + MAX_INSPECTED_BODY + " bytes is refused", false);
                return;
            }
            body.addComponent(true, content.content().retain());
            content.release();
            if (last) {
                finishInspected();
            } else {
                ctx.read();
            }
            return;
        }
        engine.writeAndFlush(content);
        if (last) {
            requestDone = true;
            maybeNextExchange();
        } else {
            readNextPiece();
        }
    }

    /** The whole body of a create/start request is here: judge it, then forward or refuse. */
    private void finishInspected() {
        HttpRequest request = held;
        byte[] bytes = ByteBufUtil.getBytes(body);
        releaseBody();
        if (route == ApiRoute.START) {
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            if (!text.isEmpty() && !text.equals("{}") && !text.equals("null")) {
                refuse(403, "lpm: a start request with a HostConfig (API before 1.24) is refused: lpm checks"
                        + " port bindings when the container is created; put them in the create request", true);
                return;
            }
        } else if (route == ApiRoute.EXEC_CREATE) {
            if (ExecRequestRules.check(bytes, settings.get().allowPrivilegedExec())
                    instanceof CreateRequestRules.Verdict.Refuse r) {
                LOG.info("refused an exec: {}", r.message());
                refuse(r.status(), r.message(), true);
                return;
            }
        } else {
            String name = ApiRoute.queryValue(target, "name");
            switch (CreateRequestRules.check(bytes, name, vpnActive.getAsBoolean(), settings.get().killSwitch(), service)) {
                case CreateRequestRules.Verdict.Refuse r -> {
                    LOG.info("refused container create{}: {}", name == null ? "" : " (" + name + ")", r.message());
                    refuse(r.status(), r.message(), true);
                    return;
                }
                case CreateRequestRules.Verdict.Forward f -> {
                    if (!f.changes().isEmpty()) {
                        LOG.info("container create{}: published ports bound to loopback: {}",
                                name == null ? "" : " (" + name + ")", f.changes());
                    }
                    bytes = f.body();
                    if (f.sharedNetworkOf() != null) {
                        byte[] judged = bytes;
                        // Nothing more is read from the client until the engine has said what X exposes.
                        sharedNetwork.judge(f.sharedNetworkOf()).thenAccept(outcome -> ctx.executor().execute(() -> {
                            if (!ctx.channel().isActive()) {
                                return;
                            }
                            if (outcome instanceof SharedNetworkCheck.Outcome.Refused r) {
                                LOG.info("refused container create{}: {}", name == null ? "" : " (" + name + ")",
                                        r.message());
                                refuse(403, r.message(), true);
                            } else {
                                forward(request, judged);
                            }
                        }));
                        return;
                    }
                }
            }
        }
        forward(request, bytes);
    }

    /** Sends a judged request on with the body lpm judged, framed by Content-Length. */
    private void forward(HttpRequest request, byte[] bytes) {
        request.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
        HttpUtil.setContentLength(request, bytes.length);
        engine.write(request);
        engine.writeAndFlush(new DefaultLastHttpContent(Unpooled.wrappedBuffer(bytes)));
        requestDone = true;
        maybeNextExchange();
    }

    /** Answers the current request itself; the engine never sees it. */
    private void refuse(int status, String message, boolean keepAliveAllowed) {
        releaseBody();
        boolean keepAlive = keepAliveAllowed && !closeAfterResponse && engineDown == null;
        var done = ctx.writeAndFlush(DockerApiError.response(status, message, keepAlive));
        requestDone = true;
        responseDone = true;
        if (keepAlive) {
            ctx.read();
        } else {
            done.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void readNextPiece() {
        if (engine.isWritable()) {
            ctx.read();
        } else {
            readWhenWritable = true;
        }
    }

    void engineWritabilityChanged(boolean writable) {
        if (writable && readWhenWritable) {
            readWhenWritable = false;
            ctx.read();
        }
    }

    private void maybeNextExchange() {
        if (requestDone && responseDone) {
            if (closeAfterResponse) {
                closeBoth();
            } else {
                ctx.read();
            }
        }
    }

    // ---- engine -> client ----

    void responseHead(HttpResponse response) {
        int code = response.status().code();
        informational = code >= 100 && code < 200 && code != 101;
        if (!HttpUtil.isKeepAlive(response)) {
            closeAfterResponse = true;
        }
        ctx.writeAndFlush(response);
        if (code == 101 && upgradeAsked) {
            switching = true; // switch at the 101's (empty) LastHttpContent, which the decoder sends next
        } else if (route == ApiRoute.HIJACK && code == 200 && isRawStream(response)) {
            switchToRelay(); // older API versions: 200 and then the raw stream, no Upgrade
        }
    }

    void responseContent(HttpContent content) {
        if (switching && content instanceof LastHttpContent) {
            content.release();
            switchToRelay();
            return;
        }
        boolean last = content instanceof LastHttpContent;
        ctx.write(content);
        ctx.flush();
        if (!ctx.channel().isWritable()) {
            engine.config().setAutoRead(false);
        }
        if (last && informational) {
            informational = false;
        } else if (last) {
            responseDone = true;
            maybeNextExchange();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && engine != null) {
            engine.config().setAutoRead(true);
        }
    }

    private static boolean isRawStream(HttpResponse response) {
        String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        return (type.startsWith("application/vnd.docker.raw-stream")
                || type.startsWith("application/vnd.docker.multiplexed-stream"))
                && !HttpUtil.isContentLengthSet(response) && !HttpUtil.isTransferEncodingChunked(response);
    }

    /**
     * The engine took the connection over: from here on both sides carry raw bytes. Both channels
     * share an event loop, so the response head above is already encoded when the codecs go.
     */
    private void switchToRelay() {
        switching = false;
        Channel client = ctx.channel();
        ChannelPipeline clientPipeline = client.pipeline();
        ChannelPipeline enginePipeline = engine.pipeline();
        clientPipeline.addLast(new ByteRelay(engine));
        enginePipeline.addLast(new ByteRelay(client));
        clientPipeline.remove(FLOW);
        clientPipeline.remove(this);
        clientPipeline.remove(SERVER_CODEC); // bytes it still held go on to the relay
        enginePipeline.remove(ApiGuardEngineHandler.NAME);
        enginePipeline.remove(CLIENT_CODEC);
        client.config().setAutoRead(true);
        engine.config().setAutoRead(true);
    }

    // ---- endings ----

    void engineClosed() {
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            // The client will send nothing more: finish the current answer, then close.
            closeAfterResponse = true;
            if (requestDone && responseDone) {
                closeBoth();
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseBody();
        if (engine != null) {
            engine.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Docker API guard connection failed: {}", cause.toString());
        closeBoth();
    }

    private void closeBoth() {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        if (engine != null) {
            engine.close();
        }
    }

    private void releaseBody() {
        held = null;
        if (body != null) {
            body.release();
            body = null;
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof java.io.FileNotFoundException) {
            return "no such socket";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
