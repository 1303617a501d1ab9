package dev.lpm.docker.apiguard;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends hand-made request bytes to a Docker API guard's socket, the way an attacker would (absolute-form
 * targets, odd methods, chunked bodies), and reads the one answer with Netty's response decoder.
 */
final class RawGuardClient {

    record Answer(int status, String body) {
        boolean created() {
            return status == 201;
        }
    }

    private final Path socket;

    RawGuardClient(Path socket) {
        this.socket = socket;
    }

    /** A request with a Content-Length body and {@code Connection: close}. */
    Answer send(String method, String target, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return sendRaw(method + " " + target + " HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n"
                + "Connection: close\r\nContent-Length: " + bytes.length + "\r\n\r\n" + body);
    }

    /** The same with a chunked body, cut into {@code pieces} chunks. */
    Answer sendChunked(String method, String target, String body, int pieces) {
        StringBuilder out = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: docker\r\n"
                + "Content-Type: application/json\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n");
        int size = Math.max(1, (body.length() + pieces - 1) / pieces);
        for (int i = 0; i < body.length(); i += size) {
            String piece = body.substring(i, Math.min(body.length(), i + size));
            out.append(Integer.toHexString(piece.getBytes(StandardCharsets.UTF_8).length)).append("\r\n")
                    .append(piece).append("\r\n");
        }
        return sendRaw(out.append("0\r\n\r\n").toString());
    }

    Answer sendRaw(String request) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            CompletableFuture<byte[]> reply = CompletableFuture.supplyAsync(() -> readAll(channel));
            try {
                return decode(reply.get(60, TimeUnit.SECONDS));
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("no answer within 60 s to: " + request.lines().findFirst().orElse(""));
            } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
                throw new AssertionError(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(SocketChannel channel) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        try {
            while (channel.read(buffer.clear()) >= 0) {
                all.write(buffer.array(), 0, buffer.position());
            }
        } catch (IOException e) {
            // a reset after the answer: what arrived is what counts
        }
        return all.toByteArray();
    }

    private static Answer decode(byte[] bytes) {
        EmbeddedChannel decoder = new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));
        decoder.writeInbound(Unpooled.wrappedBuffer(bytes));
        decoder.finish();
        FullHttpResponse response = decoder.readInbound();
        if (response == null) {
            throw new AssertionError("no HTTP answer, got: " + new String(bytes, StandardCharsets.UTF_8));
        }
        try {
            return new Answer(response.status().code(), response.content().toString(StandardCharsets.UTF_8));
        } finally {
            response.release();
        }
    }
}
