package dev.lpm.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import dev.lpm.tls.CaStore;
import dev.lpm.tls.LocalTls;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reverse proxy behind {@code http://NAME.localhost:1355} and {@code https://NAME.localhost:1355} (one
 * port for both: {@link PlainOrTls}). It listens on the loopback addresses 127.0.0.1 and ::1 and nowhere
 * else: nothing on the network can reach it, whatever the firewall says.
 */
public final class LoopbackProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackProxy.class);

    private final EventLoopGroup group;
    private final List<Channel> listeners;
    private final Upstreams upstreams;
    private final ConnectionLimiter limiter;
    private final int port;

    private LoopbackProxy(EventLoopGroup group, List<Channel> listeners, Upstreams upstreams, ConnectionLimiter limiter,
                          int port) {
        this.group = group;
        this.listeners = listeners;
        this.upstreams = upstreams;
        this.limiter = limiter;
        this.port = port;
    }

    /**
     * Starts listening.
     *
     * @param portOwner describes what holds a port, for the message when the proxy's port is taken
     * @throws ProxyPortInUseException if the port is taken; the proxy never falls back to another one
     */
    public static LoopbackProxy start(ProxyConfig config, RouteTable routes, AccessLog accessLog,
                                      BooleanSupplier vpnActive, IntFunction<String> portOwner) {
        return start(config, routes, accessLog, vpnActive, portOwner, null);
    }

    /**
     * Starts listening, serving {@code https://} on the same port with certificates from {@code ca} (null:
     * plain HTTP only).
     *
     * @throws ProxyPortInUseException if the port is taken; the proxy never falls back to another one
     */
    public static LoopbackProxy start(ProxyConfig config, RouteTable routes, AccessLog accessLog,
                                      BooleanSupplier vpnActive, IntFunction<String> portOwner, CaStore ca) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> serverType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        Class<? extends Channel> clientType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(
                config.eventLoops(), new DefaultThreadFactory("lpm-proxy", true), io);
        UpstreamPool pool = new UpstreamPool(UpstreamPool.bootstrap(clientType, config.connectTimeout()).group(group),
                config.upstreamIdleTimeout());
        Upstreams upstreams = new Upstreams(pool, routes, config.startingWait());
        ConnectionLimiter limiter = new ConnectionLimiter(config.maxConnections());
        ProxyContext context = new ProxyContext(config, routes, upstreams, accessLog, vpnActive);
        HttpDecoderConfig decoding = new HttpDecoderConfig()
                .setMaxInitialLineLength(config.maxRequestLineLength())
                .setMaxHeaderSize(config.maxHeaderSize())
                .setMaxChunkSize(64 * 1024);
        ProxyTls tls = ca == null ? null : ProxyTls.of(LocalTls.of(ca, new RouteNames(routes)), config.headerTimeout());
        ClientPipelines pipelines = new ClientPipelines(context, decoding, tls);

        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(serverType)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        pipelines.addFirstHandlers(ch.pipeline(), limiter);
                    }
                });

        List<Channel> listeners = new ArrayList<>();
        int port = config.port();
        try {
            Channel v4 = bind(bootstrap, literal("127.0.0.1"), port, portOwner);
            listeners.add(v4);
            port = ((InetSocketAddress) v4.localAddress()).getPort();
            try {
                listeners.add(bind(bootstrap, literal("::1"), port, portOwner));
            } catch (ProxyPortInUseException e) {
                throw e;
            } catch (RuntimeException e) {
                // No IPv6 loopback on this machine: 127.0.0.1 alone serves *.localhost then.
                LOG.info("not listening on [::1]:{} ({})", port, e.getMessage());
            }
        } catch (RuntimeException e) {
            listeners.forEach(Channel::close);
            upstreams.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        LOG.info("proxy listening on {} ({}, {})", listeners.stream().map(Channel::localAddress).toList(),
                epoll ? "epoll" : "nio", tls == null ? "plain HTTP" : "HTTP and TLS with certificates of " + ca);
        return new LoopbackProxy(group, listeners, upstreams, limiter, port);
    }

    private static Channel bind(ServerBootstrap bootstrap, InetAddress address, int port, IntFunction<String> portOwner) {
        var future = bootstrap.bind(new InetSocketAddress(address, port)).awaitUninterruptibly();
        if (future.isSuccess()) {
            return future.channel();
        }
        Throwable cause = future.cause();
        // NIO reports a BindException, epoll a NativeIoException carrying EADDRINUSE's text.
        if (cause instanceof BindException || String.valueOf(cause.getMessage()).contains("Address already in use")) {
            String owner = portOwner.apply(port);
            throw new ProxyPortInUseException("the proxy cannot listen on " + address.getHostAddress() + " port " + port
                    + ": it is in use by " + owner + ". Stop that, or give lpm another port with --proxy-port"
                    + " or LPM_PROXY_PORT", cause);
        }
        throw new IllegalStateException("cannot listen on " + address.getHostAddress() + ":" + port + ": " + cause, cause);
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The addresses it listens on: loopback only. */
    public List<InetSocketAddress> addresses() {
        return listeners.stream().map(c -> (InetSocketAddress) c.localAddress()).toList();
    }

    /** Client connections open right now. */
    public int openConnections() {
        return limiter.open();
    }

    @Override
    public void close() {
        listeners.forEach(c -> c.close().awaitUninterruptibly());
        upstreams.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
