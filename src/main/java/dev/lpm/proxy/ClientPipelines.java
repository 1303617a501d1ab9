package dev.lpm.proxy;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handlers of a client connection, in the three shapes it can take: plain HTTP/1.1, HTTP/1.1 in TLS,
 * and HTTP/2 in TLS. Every shape ends in the same {@link ProxyConnectionHandler} and {@link Exchange}, so
 * routing, the pool to services, streaming and the access log are one code path; for HTTP/2 each stream is
 * a child channel that carries one request as HTTP/1.1 objects.
 */
final class ClientPipelines {

    private static final Logger LOG = LoggerFactory.getLogger(ClientPipelines.class);

    /**
     * Streams one HTTP/2 connection may have open at once. Each open stream is a request in flight to a
     * service; browsers open up to 100 (Chromium) and queue the rest.
     */
    static final int MAX_CONCURRENT_STREAMS = 128;
    /**
     * RST_STREAM frames a client may send per {@link #RESET_WINDOW_SECONDS} before its connection is closed
     * with ENHANCE_YOUR_CALM (the rapid reset attack, CVE-2023-44487, opens and cancels streams without end,
     * and each opened stream costs a request to a service). A reload cancelling a page's requests stays far
     * below it.
     */
    static final int MAX_RESETS_PER_WINDOW = 300;
    static final int RESET_WINDOW_SECONDS = 10;

    private final ProxyContext context;
    private final HttpDecoderConfig decoding;
    private final ProxyTls tls;

    /** {@code tls} may be null: plain HTTP only, as before the local CA existed. */
    ClientPipelines(ProxyContext context, HttpDecoderConfig decoding, ProxyTls tls) {
        this.context = context;
        this.decoding = decoding;
        this.tls = tls;
    }

    boolean servesTls() {
        return tls != null;
    }

    /** A new client connection: after the limiter and the deadlines, either HTTP/1.1 or the detector. */
    void addFirstHandlers(ChannelPipeline pipeline, ConnectionLimiter limiter) {
        ProxyConfig config = context.config();
        pipeline.addLast(limiter, new RequestDeadlines(config.headerTimeout(), config.idleTimeout()));
        if (tls == null) {
            addHttp1(pipeline, ClientProtocol.HTTP);
        } else {
            pipeline.addLast(new PlainOrTls(this));
        }
    }

    void addHttp1(ChannelPipeline pipeline, ClientProtocol protocol) {
        pipeline.addLast(new StrictRequestDecoder(decoding), new HttpResponseEncoder(),
                new ProxyConnectionHandler(context, protocol));
    }

    void addTls(ChannelPipeline pipeline, ByteBufAllocator alloc) {
        pipeline.addLast(tls.newHandler(alloc), new ProtocolChoice(this));
    }

    /**
     * HTTP/2 after ALPN chose it. The per-request deadlines give way to the connection's idle timeout: a
     * stream's headers arrive whole in one HEADERS frame (or the frame decoder refuses them).
     */
    void addHttp2(ChannelPipeline pipeline) {
        ProxyConfig config = context.config();
        Http2FrameCodec codec = Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                        .maxHeaderListSize(config.maxHeaderSize()))
                .decoderEnforceMaxRstFramesPerWindow(MAX_RESETS_PER_WINDOW, RESET_WINDOW_SECONDS)
                .validateHeaders(true)
                .build();
        pipeline.remove(RequestDeadlines.class);
        pipeline.addLast(new Http2IdleClose(config.idleTimeout(), codec), codec,
                new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                        stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true), new Http2StreamAdapter(),
                                new RequestDeadlines(config.headerTimeout(), config.idleTimeout()),
                                new ProxyConnectionHandler(context, ClientProtocol.H2));
                    }
                }),
                CloseQuietly.INSTANCE);
    }

    /**
     * The end of an HTTP/2 connection's pipeline. Connection-level frames no stream takes (SETTINGS, PING,
     * GOAWAY) end here, handled already. An HTTP/2 protocol error is the frame codec's to answer: it shows
     * it here first, then sends GOAWAY with the error's code (ENHANCE_YOUR_CALM for a reset flood) and
     * closes; closing here would send GOAWAY NO_ERROR before it. Anything else closes the connection.
     */
    @ChannelHandler.Sharable
    static final class CloseQuietly extends ChannelInboundHandlerAdapter {
        static final CloseQuietly INSTANCE = new CloseQuietly();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            io.netty.util.ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("HTTP/2 connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            if (!(cause instanceof io.netty.handler.codec.http2.Http2Exception)) {
                ctx.close();
            }
        }
    }
}
