package dev.lpm.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Asks whether something accepts TCP connections on a loopback port (IPv4 or IPv6). */
public final class ListenerProbe {

    static final Duration CONNECT_TIMEOUT = Duration.ofMillis(200);

    private ListenerProbe() {}

    /** Whether a connect to 127.0.0.1:port or [::1]:port succeeds. */
    public static boolean accepts(int port) {
        return accepts("127.0.0.1", port) || accepts("::1", port);
    }

    /**
     * The one place that says at which loopback address a service is reached directly: {@code
     * http://127.0.0.1:PORT} when that accepts, else {@code http://[::1]:PORT} (a server bound to ::1 only,
     * as Node's {@code localhost} often is), empty when neither does (not running).
     */
    public static java.util.Optional<String> directUrl(int port) {
        if (accepts("127.0.0.1", port)) {
            return java.util.Optional.of("http://127.0.0.1:" + port);
        }
        return accepts("::1", port) ? java.util.Optional.of("http://[::1]:" + port) : java.util.Optional.empty();
    }

    /** Whether some program already serves the port, or holds it so that 127.0.0.1 cannot be bound. */
    static boolean inUse(int port) {
        if (accepts(port)) {
            return true;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean accepts(String literal, int port) {
        try (Socket socket = new Socket()) {
            // A literal address is parsed, never looked up.
            socket.connect(new InetSocketAddress(InetAddress.getByName(literal), port), (int) CONNECT_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false; // refused, timed out, or no IPv6 on this machine
        }
    }
}
