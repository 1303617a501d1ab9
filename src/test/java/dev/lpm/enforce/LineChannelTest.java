package dev.lpm.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines over a real Unix socket: framing, the length limit, the deadline, and text that is not UTF-8. */
class LineChannelTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private ServerSocketChannel server;
    private SocketChannel client;
    private LineChannel lines;

    @BeforeEach
    void connect() throws IOException {
        Path socket = dir.resolve("lines.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
        client = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        lines = new LineChannel(server.accept(), 16);
    }

    @AfterEach
    void close() throws IOException {
        lines.close();
        client.close();
        server.close();
        Files.deleteIfExists(dir.resolve("lines.sock"));
    }

    private void send(byte[] bytes) throws IOException {
        client.write(ByteBuffer.wrap(bytes));
    }

    private void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void linesEndAtNewlineOrCrLfAndSeveralMayArriveAtOnce() throws Exception {
        send("one\r\ntwo\nthr");
        assertThat(lines.readLine(WAIT)).isEqualTo("one");
        assertThat(lines.readLine(WAIT)).isEqualTo("two");
        send("ee\n\n");
        assertThat(lines.readLine(WAIT)).isEqualTo("three");
        assertThat(lines.readLine(WAIT)).isEmpty();
        send("last");
        client.shutdownOutput();
        assertThat(lines.readLine(WAIT)).isEqualTo("last");
        assertThat(lines.readLine(WAIT)).isNull();
    }

    @Test
    void aLineAtTheLimitPassesAndOneByteMoreIsRefused() throws Exception {
        send("x".repeat(16) + "\n");
        assertThat(lines.readLine(WAIT)).hasSize(16);
        send("y".repeat(17));
        assertThatThrownBy(() -> lines.readLine(WAIT)).isInstanceOf(LineChannel.LineTooLongException.class)
                .hasMessageContaining("at most 16 bytes");
    }

    @Test
    void noCompleteLineWithinTheDeadlineIsATimeout() throws Exception {
        send("{\"op\":");
        long start = System.nanoTime();
        assertThatThrownBy(() -> lines.readLine(Duration.ofMillis(300))).isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedAndTheNextLineStillReads() throws Exception {
        send(new byte[] {'a', (byte) 0xff, 'b', '\n'});
        send("ok\n");
        assertThatThrownBy(() -> lines.readLine(WAIT)).isInstanceOf(CharacterCodingException.class);
        assertThat(lines.readLine(WAIT)).isEqualTo("ok");
    }

    @Test
    void writtenLinesArriveWithTheirNewline() throws Exception {
        lines.writeLine("{\"ok\":true}", WAIT);
        ByteBuffer got = ByteBuffer.allocate(64);
        while (got.position() < 12) {
            client.read(got);
        }
        assertThat(new String(got.array(), 0, got.position(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}\n");
    }
}
