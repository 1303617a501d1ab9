package dev.lpm.testsupport;

import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.UnixChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The moment Netty's epoll transport hands a closed connection's last event to a new channel, made on
 * purpose on a real epoll event loop. One batch of ready events holds, in this order: data on connection
 * A, and the hang-up of connection B (its peer closed it). A's handler closes B and opens a new connection
 * with the code under test. B's descriptor number is then the lowest free one (the scenario takes every
 * free number below it first), so the new socket gets it, and B's hang-up, still in the batch, is looked
 * up by that number. The kernel does not always list the two events in that order, so the scenario runs
 * several times.
 */
public final class StaleHangUpScenario {

    private static final long WAIT_SECONDS = 10;
    /** The state field of a socket whose peer has closed its side. */
    private static final String CLOSE_WAIT = "08";

    /**
     * Whether the code under test's connection was connected at the end, why not, B's descriptor number and the
     * new socket's (B's when the trap was set, whenever the code made the socket; -1 when it failed).
     */
    public record Outcome(boolean connected, Throwable failure, int victimFd, int openedFd) {}

    private StaleHangUpScenario() {}

    /** Runs the scenario {@code times} times; {@code openNew} opens a connection on the loop it is given, from A's handler. */
    public static List<Outcome> run(int times, Function<EventLoop, Future<Channel>> openNew) throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            outcomes.add(runOnce(openNew));
        }
        return outcomes;
    }

    private static Outcome runOnce(Function<EventLoop, Future<Channel>> openNew) throws Exception {
        if (!Epoll.isAvailable()) {
            throw new IllegalStateException("Netty epoll does not load here: " + Epoll.unavailabilityCause());
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        List<AutoCloseable> cleanUp = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            EventLoop loop = group.next();
            Bootstrap plain = new Bootstrap().group(loop).channel(EpollSocketChannel.class)
                    .remoteAddress(server.getLocalSocketAddress());
            CompletableFuture<Channel> victim = new CompletableFuture<>();
            CompletableFuture<Future<Channel>> openedLater = new CompletableFuture<>();
            Channel trigger = plain.clone().handler(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ReferenceCountUtil.release(msg);
                    if (!openedLater.isDone()) {
                        victim.join().close();
                        openedLater.complete(openNew.apply(ctx.channel().eventLoop()));
                    }
                }
            }).connect().sync().channel();
            cleanUp.add(trigger::close);
            Socket triggerPeer = server.accept();
            cleanUp.add(triggerPeer);
            Channel victimChannel = plain.clone().handler(new ChannelInboundHandlerAdapter()).connect().sync().channel();
            cleanUp.add(victimChannel::close);
            victim.complete(victimChannel);
            Socket victimPeer = server.accept();
            cleanUp.add(victimPeer);
            int victimFd = ((UnixChannel) victimChannel).fd().intValue();

            List<FileDescriptor> below = takeFreeNumbersBelow(victimFd);
            try {
                // The loop waits in a task while both events become ready, so one epoll_wait returns both, A's first.
                CountDownLatch waiting = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                loop.execute(() -> {
                    waiting.countDown();
                    awaitQuietly(release);
                });
                if (!waiting.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the event loop did not run the waiting task");
                }
                triggerPeer.getOutputStream().write('x');
                triggerPeer.getOutputStream().flush();
                victimPeer.close();
                int triggerPort = ((InetSocketAddress) trigger.localAddress()).getPort();
                int victimPort = ((InetSocketAddress) victimChannel.localAddress()).getPort();
                await("A's byte and B's hang-up in the kernel").atMost(Duration.ofSeconds(WAIT_SECONDS))
                        .pollInterval(Duration.ofMillis(5)).until(() -> bothEventsReady(triggerPort, victimPort));
                release.countDown();
                Future<Channel> result = openedLater.get(WAIT_SECONDS, TimeUnit.SECONDS);
                result.await(WAIT_SECONDS, TimeUnit.SECONDS);
                if (!result.isSuccess()) {
                    return new Outcome(false, result.cause(), victimFd, -1);
                }
                Channel opened = result.getNow();
                cleanUp.add(opened::close);
                return new Outcome(opened.isActive(), null, victimFd, ((UnixChannel) opened).fd().intValue());
            } finally {
                for (FileDescriptor fd : below) {
                    fd.close();
                }
            }
        } finally {
            for (AutoCloseable c : cleanUp.reversed()) {
                c.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * Whether both of the batch's events are ready: the kernel holds A's unread byte, and B's peer has hung
     * up (B is in CLOSE_WAIT). Loopback may deliver either a moment after the peer's call returns.
     */
    private static boolean bothEventsReady(int triggerPort, int victimPort) throws IOException {
        List<String[]> sockets = tcpSockets();
        return sockets.stream().anyMatch(f -> localPort(f) == triggerPort && unreadBytes(f) > 0)
                && sockets.stream().anyMatch(f -> localPort(f) == victimPort && f[3].equals(CLOSE_WAIT));
    }

    /** The rows of the kernel's TCP tables, split: sl local_address rem_address st tx_queue:rx_queue ... */
    private static List<String[]> tcpSockets() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) { // Netty's sockets are IPv6 ones
            Files.readAllLines(Path.of(table)).stream().skip(1).map(line -> line.trim().split("\\s+")).forEach(rows::add);
        }
        return rows;
    }

    private static int localPort(String[] row) {
        return Integer.parseInt(row[1].substring(row[1].lastIndexOf(':') + 1), 16);
    }

    private static long unreadBytes(String[] row) {
        return Long.parseLong(row[4].substring(row[4].indexOf(':') + 1), 16);
    }

    /** Opens /dev/null until the kernel hands out {@code limit} or more: every number below it is then taken. */
    private static List<FileDescriptor> takeFreeNumbersBelow(int limit) throws IOException {
        List<FileDescriptor> taken = new ArrayList<>();
        for (;;) {
            FileDescriptor fd = FileDescriptor.from("/dev/null");
            if (fd.intValue() >= limit) {
                fd.close();
                return taken;
            }
            taken.add(fd);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
