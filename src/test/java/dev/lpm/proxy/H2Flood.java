package dev.lpm.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * An HTTP/2 client that misbehaves on purpose, over a JDK TLS socket with ALPN h2: Netty's frame writer
 * and reader make and read the frames (on an embedded channel), the test decides which to send.
 */
final class H2Flood implements AutoCloseable {

    private final SSLSocket socket;
    private final EmbeddedChannel frames = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    private final ChannelHandlerContext ctx = frames.pipeline().firstContext();
    private final DefaultHttp2FrameWriter writer = new DefaultHttp2FrameWriter();

    H2Flood(X509Certificate ca, int port, String serverName) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("lpm", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"h2"});
        parameters.setServerNames(List.of(new SNIHostName(serverName)));
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(15_000);
        socket.startHandshake();
        if (!"h2".equals(socket.getApplicationProtocol())) {
            throw new IllegalStateException("the proxy did not choose h2 but " + socket.getApplicationProtocol());
        }
        send(Http2CodecUtil.connectionPrefaceBuf());
        writer.writeSettings(ctx, new Http2Settings(), ctx.newPromise());
        flush();
    }

    static Http2Headers get(String authority, String path) {
        return new DefaultHttp2Headers().method("GET").scheme("https").authority(authority).path(path);
    }

    void headers(int streamId, Http2Headers headers, boolean endStream) {
        writer.writeHeaders(ctx, streamId, headers, 0, endStream, ctx.newPromise());
    }

    void reset(int streamId) {
        writer.writeRstStream(ctx, streamId, Http2Error.CANCEL.code(), ctx.newPromise());
    }

    /** Sends what was written; false when the proxy had closed the connection. */
    boolean flush() {
        ctx.flush();
        try {
            OutputStream out = socket.getOutputStream();
            ByteBuf buf;
            while ((buf = frames.readOutbound()) != null) {
                try {
                    buf.readBytes(out, buf.readableBytes());
                } finally {
                    buf.release();
                }
            }
            out.flush();
            return true;
        } catch (IOException closed) {
            frames.releaseOutbound();
            return false;
        }
    }

    private void send(ByteBuf buf) throws IOException {
        try {
            buf.readBytes(socket.getOutputStream(), buf.readableBytes());
        } finally {
            buf.release();
        }
    }

    /** What came back until the proxy closed the connection (or it stayed quiet for 15 s). */
    record Answer(List<Long> goAwayErrors, List<Integer> statuses, boolean closed) {
        Long goAwayError() {
            return goAwayErrors.isEmpty() ? null : goAwayErrors.getFirst();
        }
    }

    Answer readUntilClosed() throws Exception {
        List<Long> goAway = new java.util.ArrayList<>();
        List<Integer> statuses = new java.util.ArrayList<>();
        DefaultHttp2FrameReader reader = new DefaultHttp2FrameReader();
        ByteBuf in = Unpooled.buffer();
        Http2FrameAdapter listener = new Http2FrameAdapter() {
            @Override
            public void onGoAwayRead(ChannelHandlerContext c, int lastStreamId, long errorCode, ByteBuf debugData) {
                goAway.add(errorCode);
            }

            @Override
            public void onHeadersRead(ChannelHandlerContext c, int streamId, Http2Headers headers, int padding,
                                      boolean endStream) {
                if (headers.status() != null) {
                    statuses.add(Integer.parseInt(headers.status().toString()));
                }
            }

            @Override
            public void onHeadersRead(ChannelHandlerContext c, int streamId, Http2Headers headers, int streamDependency,
                                      short weight, boolean exclusive, int padding, boolean endStream) {
                onHeadersRead(c, streamId, headers, padding, endStream);
            }

            @Override
            public int onDataRead(ChannelHandlerContext c, int streamId, ByteBuf data, int padding, boolean endOfStream) {
                return data.readableBytes() + padding;
            }
        };
        InputStream stream = socket.getInputStream();
        byte[] chunk = new byte[16384];
        boolean closed = false;
        try {
            int n;
            while ((n = stream.read(chunk)) != -1) {
                in.writeBytes(chunk, 0, n);
                reader.readFrame(ctx, in, listener);
                in.discardReadBytes();
            }
            closed = true;
        } catch (java.net.SocketTimeoutException quiet) {
            closed = false;
        } catch (IOException | Http2Exception reset) {
            closed = true;
        } finally {
            in.release();
        }
        return new Answer(goAway, statuses, closed);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        frames.finishAndReleaseAll();
    }

}
