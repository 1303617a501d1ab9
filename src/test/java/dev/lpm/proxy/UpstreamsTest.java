package dev.lpm.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

class UpstreamsTest {

    @Test
    void aRefusedConnectionSaysNothingListens() {
        assertThat(Upstreams.describe(new ConnectException("finishConnect(..) failed: Connection refused")))
                .isEqualTo("nothing accepts connections on its port");
    }

    @Test
    void anErrorWithoutAMessageIsNamedByItsKind() {
        // Netty fails a connect on a channel closed under it with a message-less ClosedChannelException.
        assertThat(Upstreams.describe(new ClosedChannelException())).isEqualTo("ClosedChannelException");
        assertThat(Upstreams.describe(null)).isEqualTo("unknown error");
        assertThat(Upstreams.describe(new java.io.IOException("broken pipe"))).isEqualTo("broken pipe");
    }
}
