package dev.lpm.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.storage.Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * The client side of one HTTP exchange on a connected Unix socket, with Netty's client codec in an
 * {@link EmbeddedChannel} doing the HTTP: this class only moves bytes and collects the body.
 */
final class HttpClientExchange implements AutoCloseable {

    private static final ObjectMapper MAPPER = Json.mapper();

    private final SocketChannel socket;
    private final EmbeddedChannel codec = new EmbeddedChannel(new HttpClientCodec());
    private final Queue<Object> decoded = new ArrayDeque<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean ended;

    /** The status line and headers; {@code streamed}: the body is JSON lines. */
    record Head(int status, boolean streamed) {}

    HttpClientExchange(SocketChannel socket) {
        this.socket = socket;
    }

    void send(ApiRoutes.HttpCall call) throws IOException {
        byte[] body = call.body() == null ? new byte[0] : MAPPER.writeValueAsBytes(call.body());
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                HttpMethod.valueOf(call.method()), call.uri(), Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaderNames.HOST, "lpm")
                .set(HttpHeaderNames.ACCEPT, HttpReplySink.JSON_LINES + ", application/json")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (body.length > 0) {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        codec.writeOutbound(request);
        Object out;
        while ((out = codec.readOutbound()) != null) {
            ByteBuf bytes = (ByteBuf) out;
            try {
                ByteBuffer nio = bytes.nioBuffer();
                while (nio.hasRemaining()) {
                    socket.write(nio);
                }
            } finally {
                bytes.release();
            }
        }
    }

    Head readHead() throws IOException {
        while (true) {
            Object next = next();
            if (next == null) {
                throw new IOException("the lpm instance closed the connection without an answer");
            }
            if (next instanceof HttpResponse response) {
                if (!response.decoderResult().isSuccess()) {
                    throw new IOException("malformed answer: " + response.decoderResult().cause().getMessage());
                }
                String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
                if (next instanceof HttpContent content) {
                    take(content);
                }
                return new Head(response.status().code(), type.startsWith(HttpReplySink.JSON_LINES));
            }
        }
    }

    /** The whole (rest of the) body. */
    byte[] readAll() throws IOException {
        while (!ended) {
            Object next = next();
            if (next == null) {
                throw new IOException("the answer ended early");
            }
            if (next instanceof HttpContent content) {
                take(content);
            }
        }
        return pending.toByteArray();
    }

    /** The next line of the body without its newline; null at its end. */
    byte[] readLine() throws IOException {
        while (true) {
            byte[] buffered = pending.toByteArray();
            for (int i = 0; i < buffered.length; i++) {
                if (buffered[i] == '\n') {
                    pending.reset();
                    pending.write(buffered, i + 1, buffered.length - i - 1);
                    return java.util.Arrays.copyOf(buffered, i);
                }
            }
            if (ended) {
                return null;
            }
            Object next = next();
            if (next == null) {
                throw new IOException("the answer ended early");
            }
            if (next instanceof HttpContent content) {
                take(content);
            }
        }
    }

    private void take(HttpContent content) {
        try {
            ByteBuf bytes = content.content();
            byte[] copy = new byte[bytes.readableBytes()];
            bytes.readBytes(copy);
            pending.writeBytes(copy);
            if (content instanceof LastHttpContent) {
                ended = true;
            }
        } finally {
            content.release();
        }
    }

    /** The next decoded HTTP object, reading the socket as needed; null when it closed. */
    private Object next() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (decoded.isEmpty()) {
            Object ready;
            while ((ready = codec.readInbound()) != null) {
                decoded.add(ready);
            }
            if (!decoded.isEmpty()) {
                break;
            }
            buffer.clear();
            if (socket.read(buffer) < 0) {
                codec.finish(); // a body ended by close becomes its last content
                while ((ready = codec.readInbound()) != null) {
                    decoded.add(ready);
                }
                return decoded.poll();
            }
            buffer.flip();
            codec.writeInbound(Unpooled.copiedBuffer(buffer));
        }
        return decoded.poll();
    }

    @Override
    public void close() {
        codec.finishAndReleaseAll();
        decoded.forEach(io.netty.util.ReferenceCountUtil::release);
    }
}
