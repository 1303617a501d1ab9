package dev.lpm.docker.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Unix socket in a temp directory that relays to the real engine socket, so a test can take "the
 * engine" away and bring it back ({@link #cut()}, {@link #restore()}) the way an engine restart does,
 * without restarting the engine others share. Cutting closes every relayed connection and removes
 * the socket file, so new connections fail with "no such file".
 */
public final class DockerSocketRelay implements AutoCloseable {

    private final Path target;
    private final Path dir;
    private final Path socket;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocketChannel server;

    public DockerSocketRelay(Path target) {
        this.target = target;
        try {
            this.dir = Files.createTempDirectory("lpmtest-5b-relay-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.socket = dir.resolve("docker.sock");
    }

    /** The engine socket the docker CLI would use: DOCKER_HOST when it is a unix:// address, else the default. */
    public static Path engineSocket() {
        String host = System.getenv("DOCKER_HOST");
        return host != null && host.startsWith("unix://") ? Path.of(host.substring("unix://".length()))
                : Path.of("/var/run/docker.sock");
    }

    public String dockerHost() {
        return "unix://" + socket;
    }

    public synchronized DockerSocketRelay restore() {
        try {
            ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            s.bind(UnixDomainSocketAddress.of(socket));
            server = s;
            Thread.ofVirtual().name("relay-accept").start(() -> acceptLoop(s));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void cut() {
        ServerSocketChannel s = server;
        server = null;
        closeQuietly(s);
        for (SocketChannel c : open) {
            closeQuietly(c);
        }
        open.clear();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        cut();
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temp dir
        }
    }

    private void acceptLoop(ServerSocketChannel s) {
        while (s.isOpen()) {
            try {
                SocketChannel client = s.accept();
                SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(target));
                open.add(client);
                open.add(engine);
                Thread.ofVirtual().start(() -> pump(client, engine));
                Thread.ofVirtual().start(() -> pump(engine, client));
            } catch (IOException e) {
                return; // closed by cut()
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
