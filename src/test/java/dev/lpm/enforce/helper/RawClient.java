package dev.lpm.enforce.helper;

import dev.lpm.enforce.LineChannel;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

/** A client that sends whatever a test wants, byte for byte, and reads the helper's reply lines. */
final class RawClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final LineChannel lines;

    private RawClient(SocketChannel channel) throws IOException {
        this.lines = new LineChannel(channel, 1 << 20);
    }

    static RawClient connect(Path socket) throws IOException {
        return new RawClient(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
    }

    /** One line on a connection of its own; returns the reply line. */
    static String exchange(Path socket, String line) throws IOException {
        try (RawClient client = connect(socket)) {
            return client.send(line);
        }
    }

    /** Sends a line and reads one reply line; a write the helper cut short still gets its reply read. */
    String send(String line) throws IOException {
        try {
            lines.writeLine(line, WAIT);
        } catch (IOException e) {
            // The helper closed after reading part of it (a line too long); its reply is waiting for us.
        }
        return lines.readLine(WAIT);
    }

    /** The next line, or null when the helper closed the connection. */
    String readLine() throws IOException {
        return lines.readLine(WAIT);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
