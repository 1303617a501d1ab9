package dev.lpm.control;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.lpm.storage.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
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
 * The local control API: a Unix domain socket in LPM_HOME, mode 0600 inside a 0700 directory, that
 * also checks each peer's user id. One request per connection, newline-delimited JSON both ways.
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
            client.write(java.nio.ByteBuffer.wrap((MAPPER.writeValueAsString(ControlReply.failure("the lpm instance"
                    + " is serving " + MAX_CONNECTIONS + " connections already; close some (lpm logs -f?) and try again"))
                    + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            LOG.debug("could not refuse a control connection: {}", e.getMessage());
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            OutputStream out = Channels.newOutputStream(client);
            ObjectWriter writer = MAPPER.writerFor(ControlReply.class).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            ReplySink sink = reply -> {
                synchronized (out) {
                    writer.writeValue(out, reply);
                    out.write('\n');
                    out.flush();
                }
                InFlight request = inFlight.get(client);
                if (request != null) {
                    request.answered();
                }
            };
            if (!isOwner(client)) {
                sink.send(ControlReply.failure("permission denied: this lpm instance belongs to another user"));
                return;
            }
            InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(client));
            ControlRequest request;
            try {
                request = MAPPER.readValue(RequestLine.read(in), ControlRequest.class);
            } catch (IOException e) {
                sink.send(ControlReply.failure("malformed control request: " + e.getMessage()));
                return;
            }
            inFlight.put(client, new InFlight(opName(request)));
            handler.handle(request, sink, new PeerConnection(in));
        } catch (IOException e) {
            LOG.debug("control connection ended: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("control request failed", e);
        } finally {
            inFlight.remove(client);
            open.remove(client);
        }
    }

    private static String opName(ControlRequest request) {
        for (var type : ControlRequest.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value()) {
            if (type.value() == request.getClass()) {
                return type.name();
            }
        }
        return request.getClass().getSimpleName();
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
        private volatile long lastActivity = System.nanoTime();
        private volatile boolean answered;

        InFlight(String op) {
            this.op = op;
        }

        void answered() {
            answered = true;
            lastActivity = System.nanoTime();
        }

        long lastActivity() {
            return lastActivity;
        }

        /** A followed log after its backlog: silent by design while the service prints nothing. */
        boolean streaming() {
            return answered && op.equals("logs");
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

    /** Lets a long-running handler (a followed log) wait until the client hangs up. */
    public static final class PeerConnection {
        private final InputStream in;

        PeerConnection(InputStream in) {
            this.in = in;
        }

        /** Blocks until the client closes its end (or sends anything, which it must not). */
        public void awaitHangUp() {
            try {
                in.read();
            } catch (IOException e) {
                // closed either way
            }
        }
    }
}
