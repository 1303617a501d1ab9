package dev.lpm.enforce;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Lines of UTF-8 text over a socket, both ways, each read and write with a deadline: a JDK socket
 * channel has no read timeout, so the channel is non-blocking and waits in a selector of its own. A
 * line longer than the limit is a {@link LineTooLongException} (the rest of it is never read), bytes
 * that are not UTF-8 a {@link CharacterCodingException}. Not thread-safe: one thread per connection.
 */
public final class LineChannel implements Closeable {

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    /** What was read and not yet returned; big enough for the longest allowed line and its end. */
    private final ByteBuffer pending;
    private final int maxLineBytes;
    private boolean endOfStream;

    public LineChannel(SocketChannel channel, int maxLineBytes) throws IOException {
        this.channel = channel;
        this.maxLineBytes = maxLineBytes;
        this.pending = ByteBuffer.allocate(maxLineBytes + 2);
        channel.configureBlocking(false);
        this.selector = Selector.open();
        this.key = channel.register(selector, 0);
    }

    /** A line longer than allowed arrived; the connection cannot be read further. */
    public static final class LineTooLongException extends IOException {
        public LineTooLongException(int max) {
            super("a line may be at most " + max + " bytes");
        }
    }

    /**
     * The next line without its end ({@code \n} or {@code \r\n}); at the end of the stream the unterminated
     * rest, if any, then null.
     */
    public String readLine(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int scanned = 0;
        while (true) {
            for (int i = scanned; i < pending.position(); i++) {
                if (pending.get(i) == '\n') {
                    return take(i, 1);
                }
            }
            scanned = pending.position();
            if (scanned > maxLineBytes) {
                throw new LineTooLongException(maxLineBytes);
            }
            if (endOfStream) {
                return scanned == 0 ? null : take(scanned, 0);
            }
            int read = channel.read(pending);
            if (read < 0) {
                endOfStream = true;
            } else if (read == 0) {
                await(SelectionKey.OP_READ, deadline, "no complete line within " + timeout.toSeconds() + " s");
            }
        }
    }

    /** Writes {@code line} and a newline. */
    public void writeLine(String line, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(line + "\n");
        while (bytes.hasRemaining()) {
            if (channel.write(bytes) == 0) {
                await(SelectionKey.OP_WRITE, deadline, "the peer read nothing for " + timeout.toSeconds() + " s");
            }
        }
    }

    /**
     * After a last reply: tells the peer nothing more comes, then reads and drops what it still sends, for at
     * most {@code max} and {@code maxBytes}. Closing with unread input would reset the connection, and a peer
     * still writing (a JDK client, for one) would then never read the reply waiting for it.
     */
    public void finish(Duration max, long maxBytes) throws IOException {
        channel.shutdownOutput();
        long deadline = System.nanoTime() + max.toNanos();
        long dropped = pending.position();
        pending.clear();
        ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
        while (dropped <= maxBytes) {
            scratch.clear();
            int read = channel.read(scratch);
            if (read < 0) {
                return;
            }
            dropped += read;
            if (read == 0) {
                try {
                    await(SelectionKey.OP_READ, deadline, "draining");
                } catch (SocketTimeoutException e) {
                    return;
                }
            }
        }
    }

    /** Returns bytes [0, end) as text (without a trailing CR) and drops them and the {@code skip} bytes after. */
    private String take(int end, int skip) throws CharacterCodingException {
        int length = end > 0 && pending.get(end - 1) == '\r' ? end - 1 : end;
        byte[] line = new byte[length];
        pending.get(0, line);
        pending.flip().position(end + skip);
        pending.compact();
        CharBuffer text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line));
        return text.toString();
    }

    private void await(int operation, long deadline, String timeoutMessage) throws IOException {
        key.interestOps(operation);
        try {
            long left = deadline - System.nanoTime();
            if (left <= 0 || selector.select(Math.max(1, left / 1_000_000)) == 0 && System.nanoTime() >= deadline) {
                throw new SocketTimeoutException(timeoutMessage);
            }
            selector.selectedKeys().clear();
        } finally {
            key.interestOps(0);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
