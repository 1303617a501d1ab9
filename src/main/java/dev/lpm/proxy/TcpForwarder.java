package dev.lpm.proxy;

import dev.lpm.net.ByteRelay;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

/**
 * A loopback-only TCP relay: listens on 127.0.0.1:{port} and nowhere else, and pipes each connection
 * byte for byte to {@code target} (an isolated container's address on lpm's internal network). One path
 * for HTTP and for databases; the proxy and the supervisor's readiness probe see an ordinary local port.
 * Backpressure and close propagation come from {@link ByteRelay}.
 */
public final class TcpForwarder implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    /** Its event loop's group is the forwarder's own (see open), so closing it frees everything. */
    private final Channel listener;
    private final InetSocketAddress target;

    private TcpForwarder(Channel listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
    }

    /**
     * Binds 127.0.0.1:{@code port} and starts relaying to {@code target}.
     *
     * @throws IllegalStateException when the port cannot be bound (someone else has it)
     */
    public static TcpForwarder open(int port, InetSocketAddress target) {
        // One event loop per forwarder: a dev service's traffic, and closing it frees everything it used.
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, Thread.ofPlatform().daemon().name("lpm-forward-" + port)
                .factory(), NioIoHandler.newFactory());
        Bootstrap upstream = new Bootstrap().channel(NioSocketChannel.class) // group: the client's event loop
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.AUTO_READ, false);
        ServerBootstrap server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false) // read nothing until the container side is connected
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel client) {
                        connect(upstream, client, target);
                    }
                });
        ChannelFuture bound = server.bind(new InetSocketAddress(loopback(), port)).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + ": " + bound.cause().getMessage(),
                    bound.cause());
        }
        return new TcpForwarder(bound.channel(), target);
    }

    private static void connect(Bootstrap upstream, Channel client, InetSocketAddress target) {
        upstream.clone().group(client.eventLoop()).handler(new ByteRelay(client)) // one per connection: not @Sharable
                .connect(target).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                client.close(); // the client sees a closed connection, as if nothing listened
                return;
            }
            Channel container = f.channel();
            if (!client.isActive()) {
                container.close(); // the client gave up while we connected
                return;
            }
            client.pipeline().addLast(new ByteRelay(container));
            container.config().setAutoRead(true);
            client.config().setAutoRead(true);
        });
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The local address it listens on (127.0.0.1:{port}). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    public InetSocketAddress target() {
        return target;
    }

    /** Stops listening at once (the port is free when this returns) and closes every relayed connection. */
    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        listener.eventLoop().parent().shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
