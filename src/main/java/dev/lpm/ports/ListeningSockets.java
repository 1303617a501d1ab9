package dev.lpm.ports;

import dev.lpm.core.PortExposure;
import dev.lpm.net.ProcNetTcp;
import dev.lpm.net.ProcNetTcp.ListeningSocket;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The TCP sockets listening on this machine, read once from {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6} (Linux; none elsewhere). One read answers for every port, so a caller that asks
 * about many services reads the kernel's table once. Blocks on file reads: call it off the FX thread,
 * on a platform thread.
 */
public final class ListeningSockets {

    private static final Path PROC_NET = Path.of("/proc/net");

    private final List<ListeningSocket> sockets;

    private ListeningSockets(List<ListeningSocket> sockets) {
        this.sockets = List.copyOf(sockets);
    }

    /** The sockets listening now; none when this is not Linux or {@code /proc} cannot be read. */
    public static ListeningSockets read() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                || !Files.isReadable(PROC_NET.resolve("tcp"))) {
            return new ListeningSockets(List.of());
        }
        List<ListeningSocket> all = new ArrayList<>();
        all.addAll(ProcNetTcp.listening(readOrEmpty(PROC_NET.resolve("tcp")), false, ByteOrder.nativeOrder()));
        all.addAll(ProcNetTcp.listening(readOrEmpty(PROC_NET.resolve("tcp6")), true, ByteOrder.nativeOrder()));
        return new ListeningSockets(all);
    }

    /** The sockets listening on {@code port}, on any address. */
    public List<ListeningSocket> on(int port) {
        return sockets.stream().filter(s -> s.port() == port).toList();
    }

    /** Where {@code port} listens: loopback only, a specific address, or every interface; empty when nothing does. */
    public Optional<PortExposure> exposureOf(int port) {
        return PortExposure.of(on(port).stream().map(ListeningSocket::host).toList());
    }

    private static String readOrEmpty(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return ""; // no IPv6 on this machine (no tcp6), or /proc went away: nothing listens there
        }
    }
}
