package dev.lpm.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Processes a test starts on the host (servers for a namespace to reach), stopped with their
 * children by {@link #close}, which a test calls in {@code @AfterEach} or try-with-resources.
 */
public final class HostProcesses implements AutoCloseable {

    private final List<Process> processes = new CopyOnWriteArrayList<>();

    /** Starts {@code command} with its output discarded; {@link #close} stops it. */
    public Process start(String... command) {
        return start(java.util.Map.of(), command);
    }

    /** Starts {@code command} with {@code env} added to this JVM's environment, output discarded. */
    public Process start(java.util.Map<String, String> env, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(env);
            Process process = builder.start();
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code python3 -m http.server PORT --bind ADDRESS}, serving {@code /} with status 200. */
    public Process httpServer(String address, int port) {
        return start("python3", "-m", "http.server", String.valueOf(port), "--bind", address);
    }

    @Override
    public void close() {
        for (Process process : processes) {
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            tree.addFirst(process.toHandle());
            tree.forEach(ProcessHandle::destroyForcibly);
            tree.forEach(p -> {
                try {
                    p.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // reported by the caller's own checks if it matters
                }
            });
        }
        processes.clear();
    }

    /** A port that was free on {@code address} a moment ago. */
    public static int freePort(String address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether {@code address:port} accepts a TCP connection from this host. Use it only for addresses
     * of this host or of a namespace the test made.
     */
    public static boolean accepts(String address, int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(address), port), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
