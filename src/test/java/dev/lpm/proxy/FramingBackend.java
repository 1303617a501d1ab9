package dev.lpm.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A service on loopback that reads requests with Netty's strict decoder and records what it reads: every
 * request head as it is parsed, every request that arrived complete (head and whole body), and every
 * request its decoder found malformed. It answers each complete request with 200 and the body's length.
 */
final class FramingBackend implements AutoCloseable {

    record Received(String method, String uri, String body, io.netty.handler.codec.http.HttpHeaders headers) {}

    /** "METHOD target" of each request head, complete or not. */
    final List<String> heads = new CopyOnWriteArrayList<>();
    final List<Received> complete = new CopyOnWriteArrayList<>();
    final List<String> malformed = new CopyOnWriteArrayList<>();

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    FramingBackend() throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HeadRecorder(),
                                new HttpObjectAggregator(1 << 20), new Answer());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    void clear() {
        heads.clear();
        complete.clear();
        malformed.clear();
    }

    private final class HeadRecorder extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                if (request.decoderResult().isFailure()) {
                    malformed.add(String.valueOf(request.decoderResult().cause()));
                    ctx.close();
                    return;
                }
                heads.add(request.method() + " " + request.uri());
            } else if (msg instanceof io.netty.handler.codec.http.HttpContent content
                    && content.decoderResult().isFailure()) {
                malformed.add(String.valueOf(content.decoderResult().cause()));
                ctx.close();
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }

    private final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String body = request.content().toString(StandardCharsets.ISO_8859_1);
            complete.add(new Received(request.method().name(), request.uri(), body, request.headers().copy()));
            byte[] answer = ("got " + body.length() + " bytes").getBytes(StandardCharsets.ISO_8859_1);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(answer));
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, answer.length);
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            var written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // the proxy cut a request short: what a test expects when framing failed mid-body
        }
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
