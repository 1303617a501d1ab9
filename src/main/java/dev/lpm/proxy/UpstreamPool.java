package dev.lpm.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.AbstractChannelPoolMap;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.SimpleChannelPool;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive connections to the services, pooled per event loop and address: a client connection's
 * exchanges use upstream connections owned by the same event loop, so bytes never cross threads.
 * Idle pooled connections are closed after {@code idleTimeout}; a closed one is never handed out
 * (the pool checks that a channel is active before giving it back).
 */
final class UpstreamPool implements AutoCloseable {

    private record Key(EventLoop loop, InetSocketAddress address) {}

    private final Bootstrap bootstrap;
    private final Duration idleTimeout;
    private final Pools pools = new Pools();

    UpstreamPool(Bootstrap bootstrap, Duration idleTimeout) {
        this.bootstrap = bootstrap;
        this.idleTimeout = idleTimeout;
    }

    Future<Channel> acquire(EventLoop loop, InetSocketAddress address) {
        return pools.get(new Key(loop, address)).acquire();
    }

    void release(Channel channel, EventLoop loop, InetSocketAddress address) {
        channel.config().setAutoRead(true);
        pools.get(new Key(loop, address)).release(channel);
    }

    /** A connection outside the pool, for upgrades (WebSocket) that turn it into a raw relay. */
    Future<Channel> connectUnpooled(EventLoop loop, InetSocketAddress address) {
        var promise = loop.<Channel>newPromise();
        bootstrap.clone(loop).remoteAddress(address).handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new UpstreamHandler());
            }
        }).connect().addListener(f -> {
            if (f.isSuccess()) {
                promise.setSuccess(((io.netty.channel.ChannelFuture) f).channel());
            } else {
                promise.setFailure(f.cause());
            }
        });
        return promise;
    }

    @Override
    public void close() {
        pools.close();
    }

    private final class Pools extends AbstractChannelPoolMap<Key, SimpleChannelPool> {
        @Override
        protected SimpleChannelPool newPool(Key key) {
            Bootstrap b = bootstrap.clone(key.loop()).remoteAddress(key.address());
            return new SimpleChannelPool(b, new AbstractChannelPoolHandler() {
                @Override
                public void channelCreated(Channel ch) {
                    ch.pipeline().addLast(
                            new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS),
                            new HttpClientCodec(),
                            new UpstreamHandler());
                }
            }, ChannelHealthChecker.ACTIVE, true, true);
        }
    }

    static Bootstrap bootstrap(Class<? extends Channel> channelType, Duration connectTimeout) {
        return new Bootstrap()
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis());
    }
}
