package dev.lpm.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.RejectedExecutionException;

/**
 * Opens outgoing connections on an event loop as a task of that loop, never inline while the loop works
 * through a batch of I/O events.
 *
 * <p>Why: Netty's epoll transport finds the channel for each ready event by its descriptor number. A
 * connection closed while a batch is handled frees its number at once; the kernel gives the lowest free
 * number to the next socket, so one opened in the same batch usually gets it. The batch's remaining event
 * for the closed connection (the service's hang-up) then reaches the new, not yet connected channel, which
 * closes itself, and its connect fails with a ClosedChannelException. Seen as rare 502s during page loads,
 * when a service closed an idle keep-alive connection just as the proxy replaced it.
 */
public final class OutgoingConnections {

    private OutgoingConnections() {}

    /** Connects {@code bootstrap}, whose group is {@code loop} and whose remote address is set. */
    public static Future<Channel> connect(EventLoop loop, Bootstrap bootstrap) {
        Promise<Channel> connected = loop.newPromise();
        try {
            loop.execute(() -> bootstrap.connect().addListener((ChannelFuture f) -> {
                if (f.isSuccess()) {
                    connected.setSuccess(f.channel());
                } else {
                    connected.setFailure(f.cause());
                }
            }));
        } catch (RejectedExecutionException stopping) {
            connected.setFailure(stopping);
        }
        return connected;
    }
}
