package dev.lpm.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.testsupport.StaleHangUpScenario;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UpstreamPoolTest {

    /**
     * The broken page loads: a service closed an idle connection while the proxy, handling a request,
     * closed another one to it and opened a new one; the new one got the closed one's number and its
     * hang-up, and the client got a 502 "ClosedChannelException".
     */
    @Test
    void aNewConnectionMadeJustAfterOneToTheServiceClosedConnects() throws Exception {
        try (ServerSocket service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            UpstreamPool pool = new UpstreamPool(UpstreamPool.bootstrap(EpollSocketChannel.class, Duration.ofSeconds(5)),
                    Duration.ofSeconds(30));
            InetSocketAddress address = (InetSocketAddress) service.getLocalSocketAddress();

            // Five runs: each sets the trap with odds of about 4 in 5 (the kernel's event order).
            assertThat(StaleHangUpScenario.run(5, loop -> pool.connectNew(loop, address))).allSatisfy(outcome -> {
                assertThat(outcome.failure()).isNull();
                assertThat(outcome.connected()).isTrue();
                assertThat(outcome.openedFd()).as("the trap was set: the new socket has the closed one's number")
                        .isEqualTo(outcome.victimFd());
            });
        }
    }
}
