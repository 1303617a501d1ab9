package dev.lpm.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.testsupport.StaleHangUpScenario;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A connection opened while the loop handles a batch in which another connection hung up, on real epoll. */
class OutgoingConnectionsTest {

    /** Each run sets the trap with odds of about 4 in 5 (the kernel's event order). */
    private static final int TIMES = 5;

    @Test
    void aConnectionOpenedJustAfterAnotherClosedConnectsThoughItGetsTheClosedOnesNumber() throws Exception {
        try (ServerSocket service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<StaleHangUpScenario.Outcome> outcomes = StaleHangUpScenario.run(TIMES, loop ->
                    OutgoingConnections.connect(loop, bootstrap(loop, service)));

            assertThat(outcomes).allSatisfy(outcome -> {
                assertThat(outcome.failure()).isNull();
                assertThat(outcome.connected()).isTrue();
                assertThat(outcome.openedFd()).as("the new socket has the closed connection's number: the trap was set")
                        .isEqualTo(outcome.victimFd());
            });
        }
    }

    /**
     * Why {@link OutgoingConnections} exists: Netty's own connect, called from the handler, loses the new
     * connection. When this fails, Netty hands no stale event over any more and the detour may go.
     */
    @Test
    void nettysInlineConnectInTheSameBatchIsClosedByTheStaleHangUp() throws Exception {
        try (ServerSocket service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<StaleHangUpScenario.Outcome> outcomes = StaleHangUpScenario.run(TIMES, loop -> {
                Promise<Channel> connected = loop.newPromise();
                bootstrap(loop, service).connect().addListener((ChannelFuture f) -> {
                    if (f.isSuccess()) {
                        connected.setSuccess(f.channel());
                    } else {
                        connected.setFailure(f.cause());
                    }
                });
                return connected;
            });

            assertThat(outcomes).as("lost to the stale hang-up at least once").anySatisfy(outcome -> {
                assertThat(outcome.connected()).isFalse();
                assertThat(outcome.failure()).isInstanceOf(ClosedChannelException.class);
            });
        }
    }

    private static Bootstrap bootstrap(EventLoop loop, ServerSocket service) {
        return new Bootstrap().group(loop).channel(EpollSocketChannel.class).handler(new ChannelInboundHandlerAdapter())
                .remoteAddress(service.getLocalSocketAddress());
    }
}
