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
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");

    private final Path socket;
    private final ControlHandler handler;
    private final ServerSocketChannel server;
    private final UserPrincipal owner;
    private final ExecutorService connections =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lpm-control-", 0).factory());
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
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
                open.add(client);
                connections.execute(() -> serve(client));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("control socket accept failed", e);
            }
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
            handler.handle(request, sink, new PeerConnection(in));
        } catch (IOException e) {
            LOG.debug("control connection ended: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("control request failed", e);
        } finally {
            open.remove(client);
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
