package dev.lpm.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.storage.Json;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local control API: HTTP/1.1 + JSON on a Unix domain socket in LPM_HOME, mode 0600 inside a 0700
 * directory, that also checks each peer's user id ({@code curl --unix-socket SOCK http://lpm/v1/status}).
 * One request per connection; the routes are {@link ApiRoutes}', the codec is Netty's ({@link HttpConnection}).
 * A long request streams progress as JSON lines when the client accepts {@code application/x-ndjson}
 * (the CLI does); a followed log is JSON lines too; {@code /v1/events} is server-sent events.
 *
 * <p>Each connection gets a platform thread: handlers wait on processes (a stop waits for the tree to
 * exit) and read files, which would pin a virtual thread's carrier, and then nothing else in the JVM
 * that runs on virtual threads would get a turn. At most {@link #MAX_CONNECTIONS} at once.
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");

    private final Path socket;
    private final ControlHandler handler;
    private final ServerSocketChannel server;
    private final UserPrincipal owner;
    /** Enough for every terminal following a log; a client past it is told so, not queued. */
    static final int MAX_CONNECTIONS = 256;

    private final ExecutorService connections =
            Executors.newCachedThreadPool(Thread.ofPlatform().name("lpm-control-", 0).daemon().factory());
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final Map<SocketChannel, InFlight> inFlight = new ConcurrentHashMap<>();
    private final Thread acceptor;

    private ControlServer(Path socket, ControlHandler handler) throws IOException {
        this.socket = socket;
        this.handler = handler;
        // Only ever called while holding the instance lock, so a socket file here is a dead instance's.
        Files.deleteIfExists(socket);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        this.owner = restrictToOwner(socket);
        this.acceptor = Thread.ofPlatform().name("lpm-control-accept").daemon().unstarted(this::acceptLoop);
    }

    /** Binds the socket and starts accepting; fails if the socket cannot be made owner-only. */
    public static ControlServer start(Path socket, ControlHandler handler) throws IOException {
        ControlServer server = new ControlServer(socket, handler);
        server.acceptor.start();
        return server;
    }

    public Path socket() {
        return socket;
    }

    private static UserPrincipal restrictToOwner(Path socket) throws IOException {
        if (!Files.getFileStore(socket.getParent()).supportsFileAttributeView("posix")) {
            return null;
        }
        Files.setPosixFilePermissions(socket, OWNER_RW);
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(socket);
        if (!actual.equals(OWNER_RW)) {
            throw new IOException("control socket " + socket + " has mode "
                    + PosixFilePermissions.toString(actual) + " instead of rw-------; refusing to serve on it");
        }
        return Files.getOwner(socket);
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                if (open.size() >= MAX_CONNECTIONS) {
                    refuseBusy(client);
                    continue;
                }
                open.add(client);
                try {
                    connections.execute(() -> serve(client));
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    open.remove(client);
                    client.close();
                    return;
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("control socket accept failed", e);
            }
        }
    }

    private void refuseBusy(SocketChannel client) {
        try (client) {
            HttpConnection.refuse(client, io.netty.handler.codec.http.HttpResponseStatus.SERVICE_UNAVAILABLE,
                    HttpReplySink.errorBody(ApiError.of(ApiError.Kind.BUSY, "the lpm instance is serving "
                            + MAX_CONNECTIONS + " connections already; close some (lpm logs -f?) and try again")));
        } catch (IOException e) {
            LOG.debug("could not refuse a control connection: {}", e.getMessage());
        }
    }

    private void serve(SocketChannel client) {
        HttpConnection http = new HttpConnection(client);
        try (client) {
            FullHttpRequest request = http.readRequest();
            if (request == null) {
                return;
            }
            try {
                serve(client, http, request);
            } finally {
                request.release();
            }
        } catch (IOException e) {
            LOG.debug("control connection ended: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("control request failed", e);
        } finally {
            http.close();
            inFlight.remove(client);
            open.remove(client);
        }
    }

    private void serve(SocketChannel client, HttpConnection http, FullHttpRequest http1) throws IOException {
        HttpReplySink single = new HttpReplySink(http, HttpReplySink.Mode.SINGLE);
        if (!isOwner(client)) {
            single.send(ControlReply.failure(ApiError.of(ApiError.Kind.PERMISSION_DENIED,
                    "permission denied: this lpm instance belongs to another user")));
            return;
        }
        if (!http1.decoderResult().isSuccess()) {
            single.send(ControlReply.failure(ApiError.of(ApiError.Kind.BAD_REQUEST,
                    "malformed HTTP request: " + http1.decoderResult().cause().getMessage())));
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(http1.uri());
        String method = http1.method().name();
        if (method.equals("GET") && uri.rawPath().equals(ApiRoutes.OPENAPI_PATH)) {
            http.respond(io.netty.handler.codec.http.HttpResponseStatus.OK, "application/json", OpenApiDocument.bytes());
            return;
        }
        ControlRequest request;
        try {
            Optional<ApiRoutes.Matched> route = ApiRoutes.match(method, uri.rawPath());
            if (route.isEmpty()) {
                single.send(ControlReply.failure(ApiError.of(ApiError.Kind.NOT_FOUND, "no route " + method + " "
                        + uri.rawPath() + "; the routes are in " + ApiRoutes.OPENAPI_PATH)));
                return;
            }
            request = route.get().request(uri.parameters(), body(http1));
        } catch (ApiRoutes.MethodNotAllowed e) {
            single.send(ControlReply.failure(ApiError.of(ApiError.Kind.METHOD_NOT_ALLOWED, e.getMessage())));
            return;
        } catch (IllegalArgumentException e) {
            single.send(ControlReply.failure(ApiError.of(ApiError.Kind.BAD_REQUEST, e.getMessage())));
            return;
        }
        InFlight tracked = new InFlight(method + " " + uri.rawPath(), streams(request));
        inFlight.put(client, tracked);
        HttpReplySink sink = new HttpReplySink(http, mode(request, http1), tracked::answered);
        handler.handle(request, sink, new PeerConnection(client));
        sink.finish();
    }

    private static JsonNode body(FullHttpRequest request) {
        if (request.content().readableBytes() == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(request.content().toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("the request body is not JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Streams are the event stream, a followed log and, for a client that accepts JSON lines, a long request. */
    private static HttpReplySink.Mode mode(ControlRequest request, FullHttpRequest http) {
        if (request instanceof ControlRequest.Events) {
            return HttpReplySink.Mode.EVENTS;
        }
        if (request instanceof ControlRequest.Logs logs && logs.follow() || request instanceof ControlRequest.Run) {
            return HttpReplySink.Mode.LINES;
        }
        String accept = http.headers().get(io.netty.handler.codec.http.HttpHeaderNames.ACCEPT, "");
        return LongRequest.serviceOf(request) != null && accept.contains(HttpReplySink.JSON_LINES)
                ? HttpReplySink.Mode.LINES : HttpReplySink.Mode.SINGLE;
    }

    private static boolean streams(ControlRequest request) {
        return request instanceof ControlRequest.Events || request instanceof ControlRequest.Logs logs && logs.follow()
                || request instanceof ControlRequest.Run;
    }

    /**
     * The request that has waited longest for its next reply, if that is longer than {@code threshold}. A
     * followed log counts only until its first reply: after that it waits for the client by design.
     */
    public Optional<String> silentLongerThan(Duration threshold) {
        long now = System.nanoTime();
        return inFlight.values().stream()
                .filter(r -> !r.streaming())
                .filter(r -> now - r.lastActivity() > threshold.toNanos())
                .max(java.util.Comparator.comparingLong(r -> now - r.lastActivity()))
                .map(r -> "control request '" + r.op + "' has had no answer for "
                        + Duration.ofNanos(now - r.lastActivity()).toSeconds() + "s");
    }

    /** One request being served: when it started, when it last sent a reply or progress line. */
    private static final class InFlight {
        final String op;
        private final boolean stream;
        private volatile long lastActivity = System.nanoTime();
        private volatile boolean answered;

        InFlight(String op, boolean stream) {
            this.op = op;
            this.stream = stream;
        }

        void answered() {
            answered = true;
            lastActivity = System.nanoTime();
        }

        long lastActivity() {
            return lastActivity;
        }

        /** A followed log after its backlog or the event stream: silent by design while nothing happens. */
        boolean streaming() {
            return answered && stream;
        }
    }

    private boolean isOwner(SocketChannel client) {
        if (owner == null) {
            return true;
        }
        try {
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return peer.user().equals(owner);
        } catch (IOException | UnsupportedOperationException e) {
            // No peer credentials on this platform: the owner-only socket and directory still apply.
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel client : open) {
            client.close();
        }
        connections.shutdown();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.debug("could not remove {}", socket, e);
        }
    }

    /** Where a handler writes its replies. */
    @FunctionalInterface
    public interface ReplySink {
        void send(ControlReply reply) throws IOException;
    }

    /** Lets a long-running handler (a followed log, the event stream) wait until the client hangs up. */
    public static final class PeerConnection {
        private final SocketChannel channel;

        PeerConnection(SocketChannel channel) {
            this.channel = channel;
        }

        /** Blocks until the client closes its end; anything it sends after its request is ignored. */
        public void awaitHangUp() {
            java.nio.ByteBuffer ignored = java.nio.ByteBuffer.allocate(512);
            try {
                while (channel.read(ignored.clear()) >= 0) {
                    // a well-behaved client sends nothing more
                }
            } catch (IOException e) {
                // closed either way
            }
        }
    }
}
