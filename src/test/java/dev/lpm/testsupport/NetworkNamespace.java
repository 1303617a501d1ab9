package dev.lpm.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Linux network namespace for a test: another "machine" on this one, such as an attacker on the
 * same network, that can reach this host only through a veth pair the test made. Needs root and
 * {@code ip} (iproute2); {@link #create} skips the test otherwise (fails it under CI).
 *
 * <p>Everything it makes is named {@code lpmtest-PURPOSE-ID} (the namespace) and {@code lpmtIDa} /
 * {@code lpmtIDb} (the veth ends, host / inside; interface names are limited to 15 characters), and
 * {@link #close} removes all of it, kills every process left inside, and can be called again. Traffic
 * stays on this machine: the namespace has no route but its own /30, so nothing sent inside leaves
 * through the host's real interfaces.
 *
 * <pre>{@code
 * try (NetworkNamespace attacker = NetworkNamespace.create("attacker").withVethToHost()) {
 *     assertThat(attacker.canConnect(attacker.hostAddress(), port, Duration.ofSeconds(2))).isFalse();
 * }
 * }</pre>
 */
public final class NetworkNamespace implements AutoCloseable {

    /** How long {@link #exec(String...)} lets a command run. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final String PREFIX = "lpmtest-";
    /** Every veth end this class makes starts with this (and so does every namespace, {@link #PREFIX}). */
    public static final String LINK_PREFIX = "lpmt";

    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9]{1,20}");
    private static final Duration HOST_COMMAND_TIMEOUT = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String CONNECT_SCRIPT = """
            import socket, sys
            try:
                socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=float(sys.argv[3])).close()
                print("OK")
            except Exception as e:
                print("FAIL", type(e).__name__, e)
            """;

    /** What a command printed (stdout and stderr together) and how it ended. */
    public record ExecResult(int exitCode, String output, boolean timedOut) {
        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }
    }

    /** A long-running process inside the namespace; its output goes to {@code log}. */
    public record Background(Process process, Path log) {
        public String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
    }

    private final String name;
    private final String id;
    private final Path workDir;
    private final List<Background> started = new CopyOnWriteArrayList<>();
    private String hostInterface;
    private String peerInterface;
    private String hostAddress;
    private String peerAddress;
    private boolean closed;

    private NetworkNamespace(String name, String id, Path workDir) {
        this.name = name;
        this.id = id;
        this.workDir = workDir;
    }

    /**
     * Makes namespace {@code lpmtest-PURPOSE-ID} with {@code lo} up inside. {@code purpose}: 1-20
     * lowercase letters or digits, e.g. {@code attacker}.
     */
    public static NetworkNamespace create(String purpose) {
        if (!PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("purpose must be 1-20 lowercase letters or digits: " + purpose);
        }
        Requirements.requireRoot();
        Requirements.requireCommand("ip", "iproute2");
        for (int attempt = 0; attempt < 5; attempt++) {
            String id = randomId();
            String name = PREFIX + purpose + "-" + id;
            if (run(HOST_COMMAND_TIMEOUT, "ip", "netns", "add", name).ok()) {
                NetworkNamespace namespace;
                try {
                    namespace = new NetworkNamespace(name, id, Files.createTempDirectory(name + "-"));
                } catch (IOException e) {
                    run(HOST_COMMAND_TIMEOUT, "ip", "netns", "del", name);
                    throw new UncheckedIOException(e);
                }
                try {
                    namespace.host("ip", "-n", name, "link", "set", "lo", "up");
                    return namespace;
                } catch (RuntimeException | Error e) {
                    namespace.closeAfter(e);
                    throw e;
                }
            }
        }
        throw new IllegalStateException("could not create a network namespace " + PREFIX + purpose + "-*: "
                + run(HOST_COMMAND_TIMEOUT, "ip", "netns", "add", PREFIX + purpose + "-" + randomId()).output());
    }

    /**
     * Connects the namespace to the host with a veth pair, addressed from a random /30 in 10.250.0.0/16
     * that nothing on the host uses: {@link #hostAddress()} is the host's end, {@link #peerAddress()}
     * the end inside.
     */
    public NetworkNamespace withVethToHost() {
        for (int attempt = 0; attempt < 10; attempt++) {
            int base = (10 << 24) | (250 << 16) | (RANDOM.nextInt(256) << 8) | (RANDOM.nextInt(64) * 4);
            String net = ipv4(base) + "/30";
            if (hostUses(net)) {
                continue;
            }
            withVethToHost(ipv4(base + 1) + "/30", ipv4(base + 2) + "/30");
            // Another test run may have picked the same /30 at the same moment: check and pick again.
            if (!hostUsesElsewhere(net, hostInterface)) {
                return this;
            }
            removeVeth();
        }
        throw new IllegalStateException("found no free /30 in 10.250.0.0/16 for a veth pair");
    }

    /** Connects the namespace to the host with a veth pair with the given addresses (CIDR, e.g. 10.250.7.1/30). */
    public NetworkNamespace withVethToHost(String hostCidr, String peerCidr) {
        checkOpen();
        if (hostInterface != null) {
            throw new IllegalStateException(name + " already has a veth pair");
        }
        String hostIf = LINK_PREFIX + id + "a";
        String peerIf = LINK_PREFIX + id + "b";
        host("ip", "link", "add", hostIf, "type", "veth", "peer", "name", peerIf, "netns", name);
        hostInterface = hostIf;
        peerInterface = peerIf;
        try {
            host("ip", "addr", "add", hostCidr, "dev", hostIf);
            host("ip", "-n", name, "addr", "add", peerCidr, "dev", peerIf);
            host("ip", "link", "set", hostIf, "up");
            host("ip", "-n", name, "link", "set", peerIf, "up");
        } catch (RuntimeException e) {
            removeVeth();
            throw e;
        }
        hostAddress = hostCidr.substring(0, hostCidr.indexOf('/'));
        peerAddress = peerCidr.substring(0, peerCidr.indexOf('/'));
        return this;
    }

    /** Runs {@code command} inside the namespace and waits for it (at most {@link #DEFAULT_TIMEOUT}). */
    public ExecResult exec(String... command) {
        return exec(DEFAULT_TIMEOUT, command);
    }

    /** Runs {@code command} inside the namespace; after {@code timeout} it is killed and the result says so. */
    public ExecResult exec(Duration timeout, String... command) {
        checkOpen();
        return run(timeout, inside(command));
    }

    /**
     * What runs a command in this namespace's network but the host's mounts (nsenter, not ip netns exec,
     * which remounts /sys without the cgroup hierarchy): for dockerd, and for lpm as a user would run it.
     */
    public List<String> enter() {
        checkOpen();
        return List.of("nsenter", "--net=/run/netns/" + name);
    }

    /** Starts a long-running {@code command} inside the namespace; {@link #close} stops it. */
    public Background start(String... command) {
        checkOpen();
        try {
            Path log = Files.createTempFile(workDir, "process-", ".log");
            Process process = new ProcessBuilder(inside(command)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(devNull())).start();
            Background background = new Background(process, log);
            started.add(background);
            return background;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether a TCP connection FROM INSIDE this namespace to {@code address:port} is accepted within
     * {@code timeout}: what a machine on the network would get. Needs python3 inside (the host's).
     */
    public boolean canConnect(String address, int port, Duration timeout) {
        Requirements.requireCommand("python3", "python3");
        double seconds = timeout.toMillis() / 1000.0;
        ExecResult result = exec(timeout.plusSeconds(15), "python3", "-c", CONNECT_SCRIPT, address,
                String.valueOf(port), String.valueOf(seconds));
        return result.output().lines().anyMatch("OK"::equals);
    }

    public String name() {
        return name;
    }

    /** The host's end of the veth pair (an address on this host), e.g. {@code 10.250.7.1}. */
    public String hostAddress() {
        requireVeth();
        return hostAddress;
    }

    /** The namespace's end of the veth pair, e.g. {@code 10.250.7.2}. */
    public String peerAddress() {
        requireVeth();
        return peerAddress;
    }

    public String hostInterface() {
        requireVeth();
        return hostInterface;
    }

    public String peerInterface() {
        requireVeth();
        return peerInterface;
    }

    /**
     * Kills the processes started here and every other process still inside, deletes the veth pair and
     * the namespace. Never fails on what is already gone; safe to call again. Throws only when
     * something is still there afterwards.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Background background : started) {
            kill(background.process().toHandle());
        }
        for (int round = 0; round < 5; round++) {
            List<Long> pids = pidsInside();
            if (pids.isEmpty()) {
                break;
            }
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(NetworkNamespace::kill));
        }
        removeVeth();
        if (namespaceExists(name)) {
            run(HOST_COMMAND_TIMEOUT, "ip", "netns", "del", name);
        }
        deleteRecursively(workDir);
        List<String> left = new ArrayList<>();
        if (namespaceExists(name)) {
            left.add("namespace " + name);
        }
        links().stream().filter(link -> link.startsWith(LINK_PREFIX + id)).forEach(link -> left.add("link " + link));
        if (!left.isEmpty()) {
            throw new IllegalStateException("could not remove " + String.join(", ", left));
        }
    }

    /**
     * Everything named like this class's namespaces and links that exists now, as {@code netns NAME}
     * and {@code link NAME}: empty when every test cleaned up. (Another build on the same machine may
     * own some at the moment you look.)
     */
    public static List<String> leftovers() {
        List<String> result = new ArrayList<>();
        namespaces().stream().filter(n -> n.startsWith(PREFIX)).forEach(n -> result.add("netns " + n));
        links().stream().filter(l -> l.startsWith(LINK_PREFIX)).forEach(l -> result.add("link " + l));
        return result;
    }

    @Override
    public String toString() {
        return hostInterface == null ? name : name + " (" + hostAddress + " <-> " + peerAddress + ")";
    }

    // --- internals ---

    private void closeAfter(Throwable failure) {
        try {
            close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private String[] inside(String... command) {
        if (command.length == 0) {
            throw new IllegalArgumentException("no command");
        }
        String[] full = new String[command.length + 4];
        full[0] = "ip";
        full[1] = "netns";
        full[2] = "exec";
        full[3] = name;
        System.arraycopy(command, 0, full, 4, command.length);
        return full;
    }

    private void host(String... command) {
        ExecResult result = run(HOST_COMMAND_TIMEOUT, command);
        if (!result.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + result.exitCode()
                    + (result.timedOut() ? ", timed out" : "") + "): " + result.output().strip());
        }
    }

    private void removeVeth() {
        if (hostInterface != null && links().contains(hostInterface)) {
            // Deleting one end deletes both.
            run(HOST_COMMAND_TIMEOUT, "ip", "link", "del", hostInterface);
        }
        hostInterface = null;
        peerInterface = null;
        hostAddress = null;
        peerAddress = null;
    }

    private List<Long> pidsInside() {
        if (!namespaceExists(name)) {
            return List.of();
        }
        ExecResult result = run(HOST_COMMAND_TIMEOUT, "ip", "netns", "pids", name);
        long self = ProcessHandle.current().pid();
        return result.output().lines().map(String::strip).filter(l -> l.matches("\\d+")).map(Long::parseLong)
                .filter(pid -> pid != self).toList();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
    }

    private void requireVeth() {
        if (hostInterface == null) {
            throw new IllegalStateException(name + " has no veth pair: call withVethToHost() first");
        }
    }

    /** Kills a process and its descendants: SIGTERM, then SIGKILL after a second, and waits. */
    private static void kill(ProcessHandle process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.addFirst(process);
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            if (!waitFor(p, Duration.ofSeconds(1))) {
                p.destroyForcibly();
            }
        }
        tree.forEach(p -> waitFor(p, Duration.ofSeconds(5)));
    }

    private static boolean waitFor(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Runs a command on the host, output (stdout and stderr) through a file so a backgrounded child cannot block us. */
    static ExecResult run(Duration timeout, String... command) {
        Path out = null;
        try {
            out = Files.createTempFile("lpmtest-exec-", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(devNull())).start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                kill(process.toHandle());
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            return new ExecResult(finished ? process.exitValue() : -1, output, !finished);
        } catch (IOException e) {
            return new ExecResult(-1, String.join(" ", command) + ": " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ExecResult(-1, "interrupted", false);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a temp file; nothing to do
                }
            }
        }
    }

    private static java.io.File devNull() {
        return new java.io.File("/dev/null");
    }

    private static boolean namespaceExists(String name) {
        return namespaces().contains(name);
    }

    private static List<String> namespaces() {
        return run(HOST_COMMAND_TIMEOUT, "ip", "netns", "list").output().lines()
                .map(String::strip).filter(l -> !l.isEmpty()).map(l -> l.split("\\s+")[0]).toList();
    }

    /** Names of the host's links ({@code ip -o link}: "3: NAME@PEER: <...>"). */
    private static List<String> links() {
        return run(HOST_COMMAND_TIMEOUT, "ip", "-o", "link", "show").output().lines()
                .map(l -> l.split(":\\s+", 3)).filter(f -> f.length >= 2).map(f -> f[1].split("@")[0].strip())
                .toList();
    }

    /** Whether an address or route on the host overlaps {@code cidr}. */
    private static boolean hostUses(String cidr) {
        return hostPrefixes().stream().anyMatch(p -> overlaps(p, cidr));
    }

    /** Whether an address on the host, on an interface other than {@code ours}, lies in {@code cidr}. */
    private static boolean hostUsesElsewhere(String cidr, String ours) {
        return hostAddresses().stream().filter(a -> !a[0].equals(ours)).anyMatch(a -> overlaps(a[1], cidr));
    }

    private static List<String> hostPrefixes() {
        List<String> prefixes = new ArrayList<>();
        hostAddresses().forEach(a -> prefixes.add(a[1]));
        run(HOST_COMMAND_TIMEOUT, "ip", "-4", "route", "show", "table", "all").output().lines().forEach(line -> {
            String[] f = line.strip().split("\\s+");
            // "10.1.0.0/16 dev x", "local 127.0.0.1 dev lo table local", "default via ..." (skipped)
            Stream.of(f).limit(2).filter(t -> t.matches("\\d+\\.\\d+\\.\\d+\\.\\d+(/\\d+)?")).findFirst()
                    .ifPresent(prefixes::add);
        });
        return prefixes;
    }

    /** {interface, address/prefix} for every IPv4 address on the host. */
    private static List<String[]> hostAddresses() {
        // "4: eth0    inet 192.0.2.2/24 brd ... scope global eth0"
        return run(HOST_COMMAND_TIMEOUT, "ip", "-o", "-4", "addr", "show").output().lines()
                .map(l -> l.strip().split("\\s+")).filter(f -> f.length >= 4 && f[2].equals("inet"))
                .map(f -> new String[] {f[1].split("@")[0], f[3]}).toList();
    }

    /** Whether two IPv4 prefixes ({@code a.b.c.d/n}, or a bare address meaning /32) share an address. */
    static boolean overlaps(String a, String b) {
        long[] x = prefix(a);
        long[] y = prefix(b);
        int bits = (int) Math.min(x[1], y[1]);
        long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
        return (x[0] & mask) == (y[0] & mask);
    }

    private static long[] prefix(String cidr) {
        String[] parts = cidr.split("/");
        long address = Arrays.stream(parts[0].split("\\.")).mapToLong(Long::parseLong)
                .reduce(0, (acc, octet) -> (acc << 8) | octet);
        return new long[] {address, parts.length > 1 ? Long.parseLong(parts[1]) : 32};
    }

    private static String ipv4(int address) {
        try {
            InetAddress inet = Inet4Address.getByAddress(new byte[] {
                (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
            return inet.getHostAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static String randomId() {
        StringBuilder id = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            id.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
        }
        return id.toString();
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a temp directory
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
