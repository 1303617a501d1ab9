package dev.lpm.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A machine of its own for tests that change a firewall or see a VPN: a network namespace with its own
 * Docker engine (dockerd with its own data, socket and iptables chains) and the test image, so nothing
 * the test does reaches the host's engine, firewall or other tests' instances. A neighbour namespace is
 * linked to it by a veth pair with IPv4 and IPv6 addresses: what a machine on the same network sees.
 * {@link #close()} stops the containers and the engine and removes everything it made.
 */
public final class EngineNamespace implements AutoCloseable {

    /** This machine's addresses on the neighbour link, and the neighbour's. */
    public static final String HOST_V4 = "10.199.0.1";
    public static final String HOST_V6 = "fd99::1";
    public static final String NEIGHBOUR_V4 = "10.199.0.2";
    public static final String NEIGHBOUR_V6 = "fd99::2";

    private final NetworkNamespace machine;
    private final NetworkNamespace neighbour;
    private final Path dataRoot;
    private final Path socket;
    private final Path execRoot;
    private final List<String> extraArgs;
    private Process dockerd;

    private EngineNamespace(NetworkNamespace machine, NetworkNamespace neighbour, Path dataRoot, Path execRoot, Path socket,
                            List<String> extraArgs) {
        this.extraArgs = List.copyOf(extraArgs);
        this.machine = machine;
        this.neighbour = neighbour;
        this.dataRoot = dataRoot;
        this.execRoot = execRoot;
        this.socket = socket;
    }

    public static EngineNamespace start() throws IOException {
        return start(List.of());
    }

    /**
     * With more dockerd options, e.g. {@code --host tcp://127.0.0.1:PORT} (a TCP socket inside this machine's
     * network), {@code --live-restore} or {@code --userns-remap USER}.
     */
    public static EngineNamespace start(List<String> extraDockerdArgs) throws IOException {
        Requirements.requireRoot();
        Requirements.requireCommand("dockerd", "docker.io");
        Requirements.requireCommand("nsenter", "util-linux");
        Requirements.requireCommand("iptables", "iptables");
        Requirements.requireDockerEngine(); // the host's, for the test image
        NetworkNamespace machine = NetworkNamespace.create("machine");
        NetworkNamespace neighbour = null;
        EngineNamespace engine = null;
        try {
            neighbour = NetworkNamespace.create("neighbour");
            String id = machine.name().substring(machine.name().lastIndexOf('-') + 1);
            engine = new EngineNamespace(machine, neighbour, Path.of("/var/lib/lpmtest-engine-" + id),
                    Path.of("/run/lpmtest-e" + id), Path.of("/run/lpmtest-engine-" + id + ".sock"), extraDockerdArgs);
            engine.link(id);
            engine.startDockerd();
            engine.loadTestImage();
            return engine;
        } catch (IOException | RuntimeException | Error e) {
            if (engine != null) {
                engine.close();
            } else {
                machine.close();
                if (neighbour != null) {
                    neighbour.close();
                }
            }
            throw e;
        }
    }

    private void link(String id) {
        String here = "lpmt" + id + "m";
        String there = "lpmt" + id + "n";
        host("ip", "link", "add", here, "type", "veth", "peer", "name", there);
        host("ip", "link", "set", here, "netns", machine.name());
        host("ip", "link", "set", there, "netns", neighbour.name());
        host("ip", "-n", machine.name(), "addr", "add", HOST_V4 + "/24", "dev", here);
        host("ip", "-n", machine.name(), "addr", "add", HOST_V6 + "/64", "dev", here, "nodad");
        host("ip", "-n", neighbour.name(), "addr", "add", NEIGHBOUR_V4 + "/24", "dev", there);
        host("ip", "-n", neighbour.name(), "addr", "add", NEIGHBOUR_V6 + "/64", "dev", there, "nodad");
        host("ip", "-n", machine.name(), "link", "set", here, "up");
        host("ip", "-n", neighbour.name(), "link", "set", there, "up");
    }

    private void startDockerd() throws IOException {
        Files.createDirectories(dataRoot);
        List<String> command = new ArrayList<>(machine.enter());
        command.addAll(List.of("dockerd", "--data-root", dataRoot.toString(), "--exec-root", execRoot.toString(),
                "--pidfile", dataRoot.resolve("dockerd.pid").toString(), "--host", "unix://" + socket,
                "--group", "docker"));
        command.addAll(extraArgs);
        host("groupadd", "-f", "docker");
        dockerd = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataRoot.resolve("dockerd.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!dockerd.isAlive()) {
                throw new IllegalStateException("dockerd in " + machine.name() + " exited: " + dockerdLog());
            }
            if (docker("info", "--format", "{{.ServerVersion}}").exitCode() == 0) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException("dockerd in " + machine.name() + " did not answer within 60 s: " + dockerdLog());
    }

    private void loadTestImage() {
        NetworkNamespace.ExecResult loaded = run(Duration.ofSeconds(120), "bash", "-c",
                "docker save lpm/busybox:test | docker -H unix://" + socket + " load -q");
        if (loaded.exitCode() != 0) {
            throw new IllegalStateException("could not load lpm/busybox:test (bin/docker-test-image): " + loaded.output());
        }
    }

    /** The engine's address, for DOCKER_HOST. */
    public String dockerHost() {
        return "unix://" + socket;
    }

    public Path socket() {
        return socket;
    }

    /** Runs the docker CLI against this engine. */
    public NetworkNamespace.ExecResult docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "-H", "unix://" + socket));
        command.addAll(List.of(args));
        return run(Duration.ofSeconds(60), command.toArray(String[]::new));
    }

    /** This machine: run commands in it, start lpm in it ({@link NetworkNamespace#enter()}). */
    public NetworkNamespace machine() {
        return machine;
    }

    /** The neighbour on the same network. */
    public NetworkNamespace neighbour() {
        return neighbour;
    }

    /** This machine's firewall rules, both families, as iptables-save / ip6tables-save print them. */
    public String firewall() {
        return machine.exec("iptables-save").output() + machine.exec("ip6tables-save").output();
    }

    public String dockerdLog() {
        try {
            String log = Files.readString(dataRoot.resolve("dockerd.log"));
            return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        if (dockerd != null && dockerd.isAlive()) {
            String ids = docker("ps", "-aq").output().strip();
            if (!ids.isEmpty()) {
                List<String> rm = new ArrayList<>(List.of("rm", "-f"));
                rm.addAll(ids.lines().toList());
                docker(rm.toArray(String[]::new));
            }
            dockerd.destroy();
            try {
                if (!dockerd.waitFor(30, TimeUnit.SECONDS)) {
                    dockerd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Its managed containerd and anything else left in the namespace go with it.
        try {
            machine.close();
        } finally {
            neighbour.close();
            for (Path path : List.of(dataRoot, execRoot)) {
                unmountBelow(path);
                deleteRecursively(path);
            }
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                // the next run's engine uses another name
            }
        }
    }

    private static void unmountBelow(Path path) {
        NetworkNamespace.ExecResult mounts = run(Duration.ofSeconds(10), "findmnt", "-rn", "-o", "TARGET");
        mounts.output().lines().filter(m -> m.startsWith(path.toString())).sorted(Comparator.reverseOrder())
                .forEach(m -> run(Duration.ofSeconds(10), "umount", "-l", m));
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            run(Duration.ofSeconds(30), "rm", "-rf", path.toString());
        }
    }

    private static void host(String... command) {
        NetworkNamespace.ExecResult result = run(Duration.ofSeconds(30), command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output());
        }
    }

    private static NetworkNamespace.ExecResult run(Duration timeout, String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            boolean done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                process.destroyForcibly();
            }
            return new NetworkNamespace.ExecResult(done ? process.exitValue() : -1, new String(out), !done);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
