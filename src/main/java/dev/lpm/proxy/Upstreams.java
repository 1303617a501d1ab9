package dev.lpm.proxy;

import dev.lpm.core.ServiceState;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds a way to a service: 127.0.0.1 first, [::1] when the service listens only there (Vite and
 * other dev servers do), remembering per port which one answered. A service that is still starting
 * is retried for a short while before the client gets a 502.
 */
final class Upstreams implements AutoCloseable {

    /** How often a starting service is retried while the client waits. */
    private static final Duration RETRY_EVERY = Duration.ofMillis(100);

    private static final InetAddress V4 = literal("127.0.0.1");
    private static final InetAddress V6 = literal("::1");

    @FunctionalInterface
    interface Callback {
        /** {@code connection} is null when none could be made; {@code problem} then says why. */
        void done(Channel connection, InetSocketAddress address, String problem);
    }

    private final UpstreamPool pool;
    private final RouteTable routes;
    private final Duration startingWait;
    private final Map<Integer, InetAddress> preferred = new ConcurrentHashMap<>();
    /** The address that answered last per port, ready-made: the pool's lookup key on the hot path. */
    private final Map<Integer, InetSocketAddress> lastAddress = new ConcurrentHashMap<>();

    Upstreams(UpstreamPool pool, RouteTable routes, Duration startingWait) {
        this.pool = pool;
        this.routes = routes;
        this.startingWait = startingWait;
    }

    /** How a connection is chosen. */
    private enum Kind {
        /** An idle pooled connection if there is one, else a new one that joins the pool. */
        POOLED,
        /** A new connection that joins the pool: for a retry after a pooled one failed. */
        NEW,
        /** A new connection that never joins the pool (an upgrade turns it into a relay). */
        UNPOOLED
    }

    /** A connection for one exchange: from the pool, or (for an upgrade) outside it. */
    void connect(EventLoop loop, Route route, boolean unpooled, Callback callback) {
        connect(loop, route, unpooled ? Kind.UNPOOLED : Kind.POOLED, callback);
    }

    /** A new connection, never an idle one: an exchange retried after its pooled connection failed. */
    void connectNew(EventLoop loop, Route route, Callback callback) {
        connect(loop, route, Kind.NEW, callback);
    }

    private void connect(EventLoop loop, Route route, Kind kind, Callback callback) {
        if (kind == Kind.POOLED) {
            // The common case: an idle pooled connection to the address that answered last time,
            // handed over at once (no future, no listener, no address objects).
            InetSocketAddress address = lastAddress.get(route.port());
            if (address != null) {
                Channel idle = pool.pollIdle(loop, address);
                if (idle != null) {
                    callback.done(idle, address, null);
                    return;
                }
            }
        }
        attempt(loop, route, kind, callback, System.nanoTime() + startingWait.toNanos());
    }

    private void attempt(EventLoop loop, Route route, Kind kind, Callback callback, long deadline) {
        InetAddress first = preferred.getOrDefault(route.port(), V4);
        InetAddress second = first == V4 ? V6 : V4;
        InetSocketAddress firstAddress = new InetSocketAddress(first, route.port());
        open(loop, firstAddress, kind).addListener(f1 -> {
            if (f1.isSuccess()) {
                lastAddress.put(route.port(), firstAddress);
                callback.done(cast(f1).getNow(), firstAddress, null);
                return;
            }
            InetSocketAddress secondAddress = new InetSocketAddress(second, route.port());
            open(loop, secondAddress, kind).addListener(f2 -> {
                if (f2.isSuccess()) {
                    preferred.put(route.port(), second);
                    lastAddress.put(route.port(), secondAddress);
                    callback.done(cast(f2).getNow(), secondAddress, null);
                    return;
                }
                Route now = routes.lookup(route.name());
                if (now != null && now.state() == ServiceState.STARTING && System.nanoTime() < deadline) {
                    loop.schedule(() -> attempt(loop, now, kind, callback, deadline),
                            RETRY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    callback.done(null, null, describe(f1.cause()));
                }
            });
        });
    }

    private Future<Channel> open(EventLoop loop, InetSocketAddress address, Kind kind) {
        return switch (kind) {
            case POOLED -> pool.acquire(loop, address);
            case NEW -> pool.connectNew(loop, address);
            case UNPOOLED -> pool.connectUnpooled(loop, address);
        };
    }

    void release(Channel channel, InetSocketAddress address) {
        pool.release(channel, address);
    }

    void discard(Channel channel, boolean pooled) {
        channel.close();
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Why no connection could be made, for the 502 page: never "null" (Netty's closed-channel errors carry no message). */
    static String describe(Throwable cause) {
        if (cause instanceof ConnectException) {
            return "nothing accepts connections on its port";
        }
        if (cause == null) {
            return "unknown error";
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    @SuppressWarnings("unchecked")
    private static Future<Channel> cast(Future<?> future) {
        return (Future<Channel>) future;
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
