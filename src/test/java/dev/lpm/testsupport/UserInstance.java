package dev.lpm.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An lpm daemon as a user runs it: a normal user in the docker group, its own LPM_HOME, the packaged
 * jar (copied where the user can read it), with the soak scripts beside it. Removes the user, its
 * processes and the files on close.
 */
public final class UserInstance implements AutoCloseable {

    private final TestUser user;
    private final Path root;
    private final Path home;
    private final Path userHome;
    private final Path work;
    private final LpmCli cli;
    private final Path daemonLog;
    private Process daemon;

    private UserInstance(TestUser user, Path root, Path jar) throws IOException {
        this.user = user;
        this.root = root;
        this.home = ownedDirectory(root.resolve("lpm-home"));
        this.userHome = ownedDirectory(root.resolve("user-home"));
        this.work = ownedDirectory(root.resolve("work"));
        this.daemonLog = root.resolve("daemon-stdout.log");
        this.cli = new LpmCli(home, jar, user.prefix(userHome));
    }

    /** Makes the user and the files; starts nothing yet. */
    public static UserInstance create(String userName) throws IOException {
        Requirements.requireRoot();
        Requirements.requireCommand("python3", "python3");
        TestUser user = TestUser.create(userName);
        try {
            Path root = Files.createTempDirectory("lpmtest-user-");
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path packaged = LpmCli.packagedJar();
            Path jar = root.resolve("lpm.jar");
            Files.copy(packaged, jar);
            Path libs = packaged.resolveSibling("libs");
            if (Files.isDirectory(libs)) {
                Files.createDirectories(root.resolve("libs"));
                try (Stream<Path> files = Files.list(libs)) {
                    for (Path lib : files.toList()) {
                        Files.copy(lib, root.resolve("libs").resolve(lib.getFileName()));
                    }
                }
            }
            for (String script : List.of("ticker.py", "control_probe.py", "count_signals.py", "slow_start.sh")) {
                try (var in = Objects.requireNonNull(UserInstance.class.getResourceAsStream("/soak/" + script))) {
                    Files.copy(in, root.resolve(script), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            makeReadable(root);
            return new UserInstance(user, root, jar);
        } catch (IOException | RuntimeException e) {
            user.close();
            throw e;
        }
    }

    private Path ownedDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        user.own(dir);
        return dir;
    }

    private static void makeReadable(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                if (p.equals(root) || p.startsWith(root.resolve("lpm-home")) || p.startsWith(root.resolve("user-home"))
                        || p.startsWith(root.resolve("work"))) {
                    continue;
                }
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    public TestUser user() {
        return user;
    }

    public LpmCli cli() {
        return cli;
    }

    public Path home() {
        return home;
    }

    /** A directory the user owns, for services' working directories. */
    public Path work() {
        return work;
    }

    /** A script shipped with the tests, readable by the user. */
    public Path script(String name) {
        return root.resolve(name);
    }

    /** Starts {@code lpm daemon} as the user and waits until it answers. */
    public Process startDaemon(Map<String, String> env) throws IOException {
        return startDaemon(List.of(), env);
    }

    /** The same behind {@code prefix}: in another network namespace ({@link NetworkNamespace#enter()}). */
    public Process startDaemon(List<String> prefix, Map<String, String> env) throws IOException {
        daemon = cli.startDaemon(daemonLog, prefix, env);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                throw new AssertionError("the daemon exited:\n" + log());
            }
            if (Files.exists(home.resolve("lpm.sock")) && cli.run("status").exit() == 0) {
                return daemon;
            }
            sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("the daemon did not answer within 60 s:\n" + log());
    }

    /** The daemon's JVM (setpriv and env exec into it, so it is the started process itself). */
    public ProcessHandle daemonProcess() {
        return daemon.toHandle();
    }

    public String log() {
        try {
            String stdout = Files.exists(daemonLog) ? Files.readString(daemonLog, StandardCharsets.UTF_8) : "";
            Path logFile = home.resolve("logs").resolve("daemon.log");
            return stdout + (Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "");
        } catch (IOException e) {
            return e.toString();
        }
    }

    /**
     * Runs control_probe.py as the user against the instance's socket: {@code requests} (a JSON list) in
     * turn, one every {@code interval}, for {@code length}. Its stdout has one line per call.
     */
    public Process probe(Duration length, Duration interval, String requests, Path out) throws IOException {
        List<String> command = new ArrayList<>(user.prefix(userHome));
        command.addAll(List.of("python3", script("control_probe.py").toString(), home.resolve("lpm.sock").toString(),
                Double.toString(length.toMillis() / 1000.0), Double.toString(interval.toMillis() / 1000.0), requests));
        return new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** The daemon's resident memory, threads and open files right now, from /proc. */
    public ProcessMetrics metrics() {
        return ProcessMetrics.of(daemon.pid());
    }

    /** SIGKILL, as a crash or the OOM killer would, and wait until it is gone. */
    public void killDaemon() {
        daemon.destroyForcibly();
        try {
            daemon.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** SIGTERM, as Ctrl-C or a logout would, and wait; returns how long the daemon took to exit. */
    public Duration stopDaemon(Duration limit) {
        long started = System.nanoTime();
        daemon.destroy();
        try {
            if (!daemon.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the daemon did not exit within " + limit + " of SIGTERM:\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public void close() {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly();
        }
        user.close(); // kills whatever the user still runs
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is harmless
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** What /proc says about one process. */
    public record ProcessMetrics(long rssKib, int threads, int openFiles) {
        static ProcessMetrics of(long pid) {
            try {
                long rss = 0;
                int threads = 0;
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    } else if (line.startsWith("Threads:")) {
                        threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
                    }
                }
                int fds;
                try (Stream<Path> list = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                    fds = (int) list.count();
                }
                return new ProcessMetrics(rss, threads, fds);
            } catch (IOException e) {
                throw new AssertionError("cannot read /proc/" + pid, e);
            }
        }

        @Override
        public String toString() {
            return "RSS " + rssKib / 1024 + " MiB, " + threads + " threads, " + openFiles + " open files";
        }
    }
}
