package dev.lpm.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The direct address is where the service really listens: 127.0.0.1, else [::1] (issue 18). */
class ListenerProbeTest {

    private static ServerSocket listenOn(String literal) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(literal), 0));
        return socket;
    }

    @Test
    void aServerOnIpv6LoopbackOnlyIsReachedAtItsBracketedAddress() throws IOException {
        try (ServerSocket v6 = listenOn("::1")) {
            int port = v6.getLocalPort();
            assertThat(ListenerProbe.directUrl(port)).contains("http://[::1]:" + port);
        }
    }

    @Test
    void aServerOnIpv4LoopbackIsReachedThere() throws IOException {
        try (ServerSocket v4 = listenOn("127.0.0.1")) {
            int port = v4.getLocalPort();
            assertThat(ListenerProbe.directUrl(port)).contains("http://127.0.0.1:" + port);
        }
    }

    @Test
    void nothingListeningHasNoDirectAddress() throws IOException {
        int port;
        try (ServerSocket gone = listenOn("127.0.0.1")) {
            port = gone.getLocalPort();
        }
        assertThat(ListenerProbe.directUrl(port)).isEmpty();
    }
}
