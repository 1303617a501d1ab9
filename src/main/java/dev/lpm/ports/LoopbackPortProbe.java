package dev.lpm.ports;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * A port is free when a server socket can be bound on it on both loopback addresses, 127.0.0.1 and
 * ::1: services bind either one, and browsers resolve {@code NAME.localhost} to both. Only loopback is
 * ever bound, and every socket is closed at once.
 */
public final class LoopbackPortProbe implements PortProbe {

    static final InetAddress IPV4_LOOPBACK = address(new byte[] {127, 0, 0, 1});
    static final InetAddress IPV6_LOOPBACK = address(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

    @Override
    public boolean isFree(int port) {
        if (!canBind(IPV4_LOOPBACK, port)) {
            return false;
        }
        // A failure on ::1 means "in use" only if ::1 exists at all: a machine (or JVM) without IPv6
        // loopback cannot bind even an ephemeral port there. Checking that instead of parsing the
        // exception message keeps this independent of OS error texts.
        return canBind(IPV6_LOOPBACK, port) || !hasIpv6Loopback();
    }

    /** Whether ::1 can be bound at all on this machine. */
    public static boolean hasIpv6Loopback() {
        return canBind(IPV6_LOOPBACK, 0);
    }

    private static boolean canBind(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress("localhost", bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("a literal address is always valid", e);
        }
    }
}
