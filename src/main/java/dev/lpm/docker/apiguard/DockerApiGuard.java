package dev.lpm.docker.apiguard;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import dev.lpm.core.Settings;
import dev.lpm.docker.engine.ContainerInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * lpm's own Docker API socket: owner-only, in front of the real engine. Every request goes through
 * to the engine, except that container creation is judged first (see {@link CreateRequestRules}):
 * ports are bound to loopback and refusals happen before the container exists, so there is no window
 * in which it is reachable. Point DOCKER_HOST at {@link #dockerHost()} and the docker CLI, compose
 * and SDKs all go through it.
 */
public final class DockerApiGuard implements AutoCloseable {

    /** The socket's file name in LPM_HOME. */
    public static final String SOCKET_NAME = "docker.sock";
    private static final Logger LOG = LoggerFactory.getLogger(DockerApiGuard.class);

    private final Path socket;
    private final EventLoopGroup group;
    private final Channel server;
    private final SharedNetworkCheck sharedNetwork;

    private DockerApiGuard(Path socket, EventLoopGroup group, Channel server, SharedNetworkCheck sharedNetwork) {
        this.socket = socket;
        this.group = group;
        this.server = server;
        this.sharedNetwork = sharedNetwork;
    }

    /**
     * Serves the guard on {@code socket} (its directory is created 0700 or must already be owner-only;
     * the socket is made 0600), forwarding to {@code upstreamDockerHost} ({@code unix://PATH} only; the
     * instance passes its engine client's address, so the guard and the client talk to the same engine).
     * The engine need not be up: each connection dials it and gets a clear error while it is away.
     *
     * @param vpnActive  read for every create request
     * @param killSwitch read for every create request
     */
    public static DockerApiGuard start(Path socket, String upstreamDockerHost, BooleanSupplier vpnActive,
                                       BooleanSupplier killSwitch) throws IOException {
        return start(socket, upstreamDockerHost, vpnActive, fixed(killSwitch), NO_CONTAINER_LOOKUP,
                pid -> java.util.Optional.empty());
    }

    /** Without an engine client the guard cannot judge {@code container:X} network modes: it refuses them. */
    static final Function<String, Optional<ContainerInfo>> NO_CONTAINER_LOOKUP = id -> {
        throw new IllegalStateException("the guard was started without an engine client to look containers up");
    };

    /** The default settings with the kill switch read from {@code killSwitch} (for callers without LiveSettings). */
    static java.util.function.Supplier<Settings> fixed(BooleanSupplier killSwitch) {
        return () -> Settings.DEFAULTS.edit(s -> s.killSwitch = killSwitch.getAsBoolean());
    }

    /**
     * As {@link #start(Path, String, BooleanSupplier, BooleanSupplier)}, with the settings read for every
     * judged request (kill switch, {@code allowHostNetworkBuilds}, {@code allowPrivilegedExec}) and
     * {@code containers} (the engine client's inspect) to judge {@code NetworkMode: container:X}; containers created by a process of
     * an lpm service ({@code serviceOfProcess} maps a peer's pid to it) carry that service's label, so
     * stopping the service finds them (docker compose, SDKs and scripts label nothing themselves).
     */
    public static DockerApiGuard start(Path socket, String upstreamDockerHost, BooleanSupplier vpnActive,
                                       java.util.function.Supplier<Settings> settings,
                                       Function<String, Optional<ContainerInfo>> containers,
                                       java.util.function.LongFunction<java.util.Optional<String>> serviceOfProcess)
            throws IOException {
        if (!Epoll.isAvailable()) {
            throw new IOException("the Docker API guard needs Linux (Netty epoll): " + Epoll.unavailabilityCause());
        }
        Path engine = engineSocket(upstreamDockerHost);
        Path own = socket.toAbsolutePath().normalize();
        if (engine.toAbsolutePath().normalize().equals(own)) {
            throw new IOException("the engine address " + upstreamDockerHost + " points at lpm's own Docker API guard;"
                    + " point engineHost in settings.json (or DOCKER_HOST when lpm starts) at the real engine");
        }
        OwnerOnlySocket.prepare(own);
        EngineConnector connector = new EngineConnector(engine);
        SharedNetworkCheck sharedNetwork = new SharedNetworkCheck(containers);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("lpm-docker-api-guard", true), EpollIoHandler.newFactory());
        try {
            int[] ownerUid = {-1}; // set right after bind, before the first accept can be served
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(EpollServerDomainSocketChannel.class)
                    .childOption(ChannelOption.AUTO_READ, false) // ApiGuardConnection reads one message at a time
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(new ChannelInitializer<EpollDomainSocketChannel>() {
                        @Override
                        protected void initChannel(EpollDomainSocketChannel ch) throws IOException {
                            int peer = ch.peerCredentials().uid();
                            if (!OwnerOnlySocket.peerAllowed(peer, ownerUid[0])) {
                                LOG.warn("refused a Docker API connection from uid {} on {}", peer, own);
                                ch.writeAndFlush(Unpooled.wrappedBuffer(DockerApiError.rawForbidden(
                                        "lpm: permission denied: this Docker API socket belongs to another user")))
                                        .addListener(ChannelFutureListener.CLOSE);
                                return;
                            }
                            ch.pipeline().addLast(ApiGuardConnection.SERVER_CODEC,
                                    new HttpServerCodec(64 * 1024, 256 * 1024, 64 * 1024));
                            ch.pipeline().addLast(ApiGuardConnection.FLOW, new FlowControlHandler());
                            String service = serviceOfProcess.apply(ch.peerCredentials().pid()).orElse(null);
                            ch.pipeline().addLast(ApiGuardConnection.NAME,
                                    new ApiGuardConnection(connector, vpnActive, settings, sharedNetwork, service));
                        }
                    })
                    .bind(new DomainSocketAddress(own.toString())).sync().channel();
            try {
                ownerUid[0] = OwnerOnlySocket.restrict(own);
            } catch (IOException e) {
                server.close().syncUninterruptibly();
                throw e;
            }
            LOG.info("Docker API guard listening on unix://{}, forwarding to unix://{}", own, engine);
            return new DockerApiGuard(own, group, server, sharedNetwork);
        } catch (IOException | RuntimeException e) {
            sharedNetwork.close();
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sharedNetwork.close();
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
            throw new IOException("interrupted while binding " + own, e);
        }
    }

    private static Path engineSocket(String dockerHost) throws IOException {
        if (dockerHost == null || !dockerHost.startsWith("unix://") || dockerHost.length() == "unix://".length()) {
            throw new IOException("the Docker API guard forwards to a Unix socket engine only (unix:///PATH),"
                    + " not " + dockerHost);
        }
        return Path.of(dockerHost.substring("unix://".length()));
    }

    public Path socket() {
        return socket;
    }

    /** The value for DOCKER_HOST: {@code unix:///PATH/docker.sock}. */
    public String dockerHost() {
        return "unix://" + socket;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        sharedNetwork.close();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.debug("could not remove {}", socket, e);
        }
    }
}
