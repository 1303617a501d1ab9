package dev.lpm.control;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * HTTP/1.1 on one accepted Unix socket connection, with Netty's codec doing all the parsing and
 * framing in an {@link EmbeddedChannel}: this class only moves bytes between the blocking JDK channel
 * and the codec. One request per connection ({@code Connection: close}); the connection's own platform
 * thread reads, and writes are serialized because a followed log writes from its sender thread.
 */
final class HttpConnection {

    /** Far above any real request; stops a runaway client from filling the daemon's memory. */
    static final int MAX_REQUEST_BYTES = 1 << 20;

    private final SocketChannel socket;
    private final EmbeddedChannel codec = new EmbeddedChannel(new HttpServerCodec(),
            new HttpObjectAggregator(MAX_REQUEST_BYTES));

    HttpConnection(SocketChannel socket) {
        this.socket = socket;
    }

    /** Reads until one whole request is decoded; null when the client hung up first. */
    FullHttpRequest readRequest() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (true) {
            Object decoded = codec.readInbound();
            if (decoded instanceof FullHttpRequest request) {
                flushCodecOutput(); // e.g. "100 Continue" or the aggregator's "413" answer
                return request;
            }
            flushCodecOutput();
            if (!codec.isOpen()) {
                return null; // the aggregator refused a too large request and closed
            }
            buffer.clear();
            if (socket.read(buffer) < 0) {
                return null;
            }
            buffer.flip();
            codec.writeInbound(Unpooled.wrappedBuffer(buffer.array(), 0, buffer.limit()).copy());
        }
    }

    /** A whole response at once. */
    synchronized void respond(HttpResponseStatus status, String contentType, byte[] body) throws IOException {
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        write(response);
    }

    /** Starts a chunked response of {@code contentType}; the parts follow with {@link #part}. */
    synchronized void begin(String contentType) throws IOException {
        DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        write(head);
    }

    /** One chunk, sent at once. */
    synchronized void part(byte[] bytes) throws IOException {
        write(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
    }

    synchronized void end() throws IOException {
        write(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    private void write(Object message) throws IOException {
        codec.writeOutbound(message);
        flushCodecOutput();
    }

    private void flushCodecOutput() throws IOException {
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

    /** Answers a connection that gets no thread (the server is full) without reading its request. */
    static void refuse(SocketChannel socket, HttpResponseStatus status, byte[] body) throws IOException {
        EmbeddedChannel encoder = new EmbeddedChannel(new io.netty.handler.codec.http.HttpResponseEncoder());
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        encoder.writeOutbound(response);
        Object out;
        while ((out = encoder.readOutbound()) != null) {
            ByteBuf bytes = (ByteBuf) out;
            ByteBuffer nio = bytes.nioBuffer();
            while (nio.hasRemaining()) {
                socket.write(nio);
            }
            bytes.release();
        }
        encoder.finishAndReleaseAll();
    }

    void close() {
        codec.finishAndReleaseAll();
    }
}
