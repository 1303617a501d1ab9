package dev.lpm.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectDecoder;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * Netty's request decoder, made strict where it is lenient and the service behind the proxy might read
 * the same bytes differently:
 * <ul>
 * <li>a request carrying both Transfer-Encoding: chunked and Content-Length is refused instead of
 * repaired (two framings in one request are how request smuggling starts);</li>
 * <li>only HTTP/1.0 and HTTP/1.1 are read (Netty takes any {@code HTTP/x.y});</li>
 * <li>the bytes of each request head and chunk-size line pass {@link RawRequestChecks} first.</li>
 * </ul>
 * A refusal comes out as Netty's own do: a message or a last content whose decoder result failed, after
 * which the rest of the connection's input is dropped. Known header names are shared objects
 * ({@link KnownHeaderNames}).
 */
final class StrictRequestDecoder extends HttpRequestDecoder {

    /**
     * What the decoder reads next. Netty keeps it private and offers no hook for the chunk-size line, so
     * it is read once per decode call; a Netty without this field fails the proxy's start (and its
     * tests) rather than passing requests unchecked.
     */
    private static final VarHandle STATE;
    private static final Object SKIP_CONTROL_CHARS;
    private static final Object READ_INITIAL;
    private static final Object READ_HEADER;
    private static final Object READ_CHUNK_SIZE;
    private static final Object READ_CHUNK_FOOTER;

    static {
        try {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Class<Enum> states = (Class<Enum>) Class.forName(HttpObjectDecoder.class.getName() + "$State");
            STATE = MethodHandles.privateLookupIn(HttpObjectDecoder.class, MethodHandles.lookup())
                    .findVarHandle(HttpObjectDecoder.class, "currentState", states);
            SKIP_CONTROL_CHARS = Enum.valueOf(states, "SKIP_CONTROL_CHARS");
            READ_INITIAL = Enum.valueOf(states, "READ_INITIAL");
            READ_HEADER = Enum.valueOf(states, "READ_HEADER");
            READ_CHUNK_SIZE = Enum.valueOf(states, "READ_CHUNK_SIZE");
            READ_CHUNK_FOOTER = Enum.valueOf(states, "READ_CHUNK_FOOTER");
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new ExceptionInInitializerError("this Netty's HttpObjectDecoder cannot be checked: " + e);
        }
    }

    /** Set once a request was refused: nothing more is read from this connection. */
    private boolean refused;

    StrictRequestDecoder(HttpDecoderConfig config) {
        super(config);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (refused) {
            buffer.skipBytes(buffer.readableBytes());
            return;
        }
        Object state = STATE.get((HttpObjectDecoder) this);
        String problem = null;
        if (state == SKIP_CONTROL_CHARS || state == READ_INITIAL) {
            problem = RawRequestChecks.requestHead(buffer);
        } else if (state == READ_HEADER) {
            problem = RawRequestChecks.headerLines(buffer);
        } else if (state == READ_CHUNK_SIZE) {
            problem = RawRequestChecks.chunkSizeLine(buffer);
        } else if (state == READ_CHUNK_FOOTER) {
            problem = RawRequestChecks.headerLines(buffer);
        }
        if (problem == null) {
            super.decode(ctx, buffer, out);
            return;
        }
        refused = true;
        buffer.skipBytes(buffer.readableBytes());
        IllegalArgumentException cause = new IllegalArgumentException(problem);
        if (state == READ_CHUNK_SIZE || state == READ_CHUNK_FOOTER) {
            // In the body: the request's head has gone on already, so the failure ends its content.
            DefaultLastHttpContent end = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
            end.setDecoderResult(DecoderResult.failure(cause));
            out.add(end);
        } else {
            HttpMessage invalid = createInvalidMessage();
            invalid.setDecoderResult(DecoderResult.failure(cause));
            out.add(invalid);
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (refused) {
            in.skipBytes(in.readableBytes()); // the refusal was the last word on this connection
            return;
        }
        super.decodeLast(ctx, in, out);
    }

    @Override
    protected HttpMessage createMessage(String[] initialLine) throws Exception {
        String version = initialLine[2];
        if (!version.equals(HttpVersion.HTTP_1_1.text()) && !version.equals(HttpVersion.HTTP_1_0.text())) {
            throw new IllegalArgumentException("lpm reads HTTP/1.1 and HTTP/1.0, not " + version);
        }
        return super.createMessage(initialLine);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        throw new IllegalArgumentException("both Transfer-Encoding and Content-Length are set");
    }

    @Override
    protected AsciiString splitHeaderName(byte[] bytes, int start, int length) {
        AsciiString known = KnownHeaderNames.find(bytes, start, length);
        return known != null ? known : super.splitHeaderName(bytes, start, length);
    }
}
