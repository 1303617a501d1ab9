package dev.lpm.proxy;

import dev.lpm.net.OutgoingConnections;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive connections to the services, kept per event loop and address: a client connection's
 * exchanges use upstream connections owned by the same event loop, so bytes never cross threads and
 * each idle list is only ever touched by its own loop (no locks, no promises on the hot path). A
 * pooled connection the service closes leaves its list at once; one idle for {@code idleTimeout} is
 * closed.
 */
final class UpstreamPool implements AutoCloseable {

    private final Bootstrap bootstrap;
    private final Duration idleTimeout;
    /**
     * Idle connections by event loop, then by service address. The outer map is shared; each inner map
     * belongs to its loop. Two lookups instead of a (loop, address) key: no key object per request.
     */
    private final Map<EventLoop, Map<InetSocketAddress, ArrayDeque<Channel>>> idle = new ConcurrentHashMap<>();

    UpstreamPool(Bootstrap bootstrap, Duration idleTimeout) {
        this.bootstrap = bootstrap;
        this.idleTimeout = idleTimeout;
    }

    /** An idle pooled connection, or a new one; must be called on {@code loop}. */
    Future<Channel> acquire(EventLoop loop, InetSocketAddress address) {
        Channel channel = pollIdle(loop, address);
        return channel != null ? loop.newSucceededFuture(channel) : connect(loop, address, true);
    }

    /** A new connection that joins the pool when its exchange ends; must be called on {@code loop}. */
    Future<Channel> connectNew(EventLoop loop, InetSocketAddress address) {
        return connect(loop, address, true);
    }

    /** An idle pooled connection, or null; must be called on {@code loop}. */
    Channel pollIdle(EventLoop loop, InetSocketAddress address) {
        ArrayDeque<Channel> list = idleList(loop, address);
        if (list != null) {
            Channel channel;
            long now = 0;
            while ((channel = list.pollLast()) != null) {
                if (!channel.isActive()) {
                    continue;
                }
                if (now == 0) {
                    now = System.nanoTime();
                }
                if (handler(channel).reusableAt(now)) {
                    return channel;
                }
                channel.close(); // the service is about to close it, or has
            }
        }
        return null;
    }

    /** The connection's own handler, last in its pipeline (see {@link #connect}). */
    private static UpstreamHandler handler(Channel channel) {
        return (UpstreamHandler) channel.pipeline().last();
    }

    private ArrayDeque<Channel> idleList(EventLoop loop, InetSocketAddress address) {
        Map<InetSocketAddress, ArrayDeque<Channel>> byAddress = idle.get(loop);
        return byAddress == null ? null : byAddress.get(address);
    }

    /** Puts a connection whose exchange ended cleanly back; must be called on its event loop. */
    void release(Channel channel, InetSocketAddress address) {
        if (!channel.isActive()) {
            return;
        }
        if (!handler(channel).startIdle(System.nanoTime())) {
            channel.close(); // the service's keep-alive timeout is too short to reuse it safely
            return;
        }
        channel.config().setAutoRead(true); // an idle connection must notice when the service closes it
        idle.computeIfAbsent(channel.eventLoop(), loop -> new HashMap<>())
                .computeIfAbsent(address, a -> new ArrayDeque<>()).addLast(channel);
    }

    /** A connection outside the pool, for upgrades (WebSocket) that turn it into a raw relay. */
    Future<Channel> connectUnpooled(EventLoop loop, InetSocketAddress address) {
        return connect(loop, address, false);
    }

    private Future<Channel> connect(EventLoop loop, InetSocketAddress address, boolean pooled) {
        // In a task of the loop: this runs while the loop handles a client's request, often just after a
        // connection to the same service closed (see OutgoingConnections).
        return OutgoingConnections.connect(loop, bootstrap.clone(loop).remoteAddress(address).handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (pooled) {
                    // Reader idleness only: an all-idle handler also hooks every write with a new promise
                    // and a listener. A pooled connection is idle with no reads; while an exchange
                    // uses it the event is ignored (UpstreamHandler), so this is the same rule.
                    ch.pipeline().addLast(new IdleStateHandler(idleTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS));
                    ch.closeFuture().addListener(f -> forget(ch, loop, address));
                }
                UpstreamHandler handler = new UpstreamHandler();
                ch.pipeline().addLast(new UpstreamResponseDecoder(handler::answeringHead), new HttpRequestEncoder(), handler);
            }
        }));
    }

    private void forget(Channel channel, EventLoop loop, InetSocketAddress address) {
        ArrayDeque<Channel> list = idleList(loop, address);
        if (list != null) {
            list.remove(channel);
        }
    }

    /** Closes the idle connections, each on its own loop (the only thread that touches its list). */
    @Override
    public void close() {
        idle.forEach((loop, byAddress) -> {
            if (!loop.isShuttingDown()) {
                loop.execute(() -> byAddress.values().stream().flatMap(ArrayDeque::stream).toList()
                        .forEach(Channel::close));
            }
        });
    }

    static Bootstrap bootstrap(Class<? extends Channel> channelType, Duration connectTimeout) {
        return new Bootstrap()
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis());
    }
}
