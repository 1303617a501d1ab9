package dev.lpm.ports;

import dev.lpm.net.ProcNetTcp.ListeningSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Says which process listens on a TCP port ("the proxy port is taken, by what?"). Linux only: the
 * listening sockets come from {@link ListeningSockets}, their owners from the
 * {@code socket:[INODE]} links under {@code /proc/PID/fd}. Processes whose entries cannot be read
 * (other users', without root) are skipped; on other systems {@link #find} finds nothing.
 */
public final class PortOwner {

    /** {@link Listener#pid()} when the socket exists but no visible process holds it. */
    public static final long UNKNOWN_PID = -1;

    private static final Path PROC = Path.of("/proc");

    private PortOwner() {}

    /**
     * A process listening on a port.
     *
     * @param pid         the process, or {@link #UNKNOWN_PID} when the socket belongs to a process this user cannot see
     * @param name        {@code /proc/PID/comm} (e.g. {@code nginx}), empty when unknown
     * @param commandLine {@code /proc/PID/cmdline} with spaces between arguments, empty when unknown or a kernel thread
     * @param address     where it listens, e.g. {@code 127.0.0.1:1355}, {@code 0.0.0.0:1355}, {@code [::1]:1355}
     */
    public record Listener(long pid, String name, String commandLine, String address) {

        public boolean isVisible() {
            return pid != UNKNOWN_PID;
        }

        /** For messages: {@code pid 1234 (nginx: master process nginx -c /tmp/x.conf)} or {@code a process of another user}. */
        public String describe() {
            if (!isVisible()) {
                return "a process of another user";
            }
            String what = !commandLine.isBlank() ? commandLine : name;
            return what.isBlank() ? "pid " + pid : "pid " + pid + " (" + what + ")";
        }
    }

    /** For messages: what holds {@code port} ({@link Listener#describe()}), else "another program". */
    public static String describeHolder(int port) {
        return find(port).map(Listener::describe).orElse("another program");
    }

    /** The process listening on {@code port} (TCP, any local address), if there is one and this is Linux. */
    public static Optional<Listener> find(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
        List<ListeningSocket> onPort = ListeningSockets.read().on(port);
        if (onPort.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, ListeningSocket> byInode = new HashMap<>();
        // inode 0: a socket being torn down; it belongs to no file descriptor.
        onPort.stream().filter(s -> s.inode() != 0).forEach(s -> byInode.putIfAbsent(s.inode(), s));
        Map<Long, List<Long>> holders = holdersOf(byInode.keySet());
        for (ListeningSocket socket : onPort) {
            List<Long> pids = holders.getOrDefault(socket.inode(), List.of());
            if (!pids.isEmpty()) {
                long pid = mainHolder(pids);
                return Optional.of(new Listener(pid, comm(pid), cmdline(pid), socket.address()));
            }
        }
        return Optional.of(new Listener(UNKNOWN_PID, "", "", onPort.getFirst().address()));
    }

    /** For each inode, the pids that hold a descriptor of it (processes that cannot be read are skipped). */
    private static Map<Long, List<Long>> holdersOf(Set<Long> inodes) {
        Map<String, Long> wanted = inodes.stream()
                .collect(Collectors.toMap(inode -> "socket:[" + inode + "]", inode -> inode));
        Map<Long, List<Long>> holders = new HashMap<>();
        if (wanted.isEmpty()) {
            return holders;
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, PortOwner::isPidDirectory)) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
                    for (Path fd : fds) {
                        Long inode = wanted.get(readLinkOrEmpty(fd));
                        if (inode != null) {
                            holders.computeIfAbsent(inode, i -> new ArrayList<>()).add(pid);
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // another user's process, or one that exited while we looked
                }
            }
        } catch (IOException e) {
            return holders;
        }
        return holders;
    }

    /**
     * Of several processes sharing a socket (a server that forked workers), the one whose parent does
     * not share it: nginx's master rather than a worker. The lowest pid when that does not decide.
     */
    private static long mainHolder(List<Long> pids) {
        Set<Long> set = Set.copyOf(pids);
        return pids.stream()
                .sorted(Comparator.comparing((Long pid) -> set.contains(parentOf(pid))).thenComparing(pid -> pid))
                .findFirst().orElseThrow();
    }

    private static long parentOf(long pid) {
        String stat = readOrEmpty(PROC.resolve(pid + "/stat"));
        // "PID (comm) STATE PPID ...": comm may hold spaces and parentheses, so read after the last ')'.
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return 0;
        }
        String[] rest = stat.substring(end + 1).trim().split("\\s+");
        try {
            return rest.length > 1 ? Long.parseLong(rest[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String comm(long pid) {
        return readOrEmpty(PROC.resolve(pid + "/comm")).strip();
    }

    private static String cmdline(long pid) {
        String raw = readOrEmpty(PROC.resolve(pid + "/cmdline"));
        // Arguments are NUL-terminated; a process that rewrote its title (nginx) may use spaces instead.
        return raw.replace('\0', ' ').strip();
    }

    private static boolean isPidDirectory(Path path) {
        String name = path.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    private static String readLinkOrEmpty(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "";
        }
    }

    private static String readOrEmpty(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return "";
        }
    }
}
