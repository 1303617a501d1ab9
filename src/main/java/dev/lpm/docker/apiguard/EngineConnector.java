package dev.lpm.docker.apiguard;

import dev.lpm.net.OutgoingConnections;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.util.concurrent.Future;
import java.nio.file.Path;

/** Opens one connection to the engine's Unix socket per guarded client connection, on the client's event loop. */
final class EngineConnector {

    private final Path socket;

    EngineConnector(Path socket) {
        this.socket = socket;
    }

    String address() {
        return "unix://" + socket;
    }

    /** In a task of the loop: a client's connection is accepted while the loop handles a batch of events (see OutgoingConnections). */
    Future<Channel> connect(EventLoop loop, ApiGuardEngineHandler handler) {
        return OutgoingConnections.connect(loop, new Bootstrap()
                .group(loop) // same loop as the client: the hijack switch touches both pipelines at once
                .channel(EpollDomainSocketChannel.class)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(ApiGuardConnection.CLIENT_CODEC,
                                new HttpClientCodec(64 * 1024, 256 * 1024, 64 * 1024));
                        ch.pipeline().addLast(ApiGuardEngineHandler.NAME, handler);
                    }
                })
                .remoteAddress(new DomainSocketAddress(socket.toString())));
    }
}
