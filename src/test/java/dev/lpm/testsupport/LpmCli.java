package dev.lpm.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged {@code target/lpm.jar} as a user would, with its own LPM_HOME, and cleans up the
 * daemon it may have started (and that daemon's services) afterwards.
 */
public final class LpmCli implements AutoCloseable {

    private final Path jar;
    private final Path home;
    private final List<String> userPrefix;
    private final int proxyPort = freePort();

    public LpmCli(Path home) {
        this(home, packagedJar(), List.of());
    }

    /** Runs {@code jar} behind {@code userPrefix} (e.g. {@link TestUser#prefix}) for every command. */
    public LpmCli(Path home, Path jar, List<String> userPrefix) {
        this.jar = jar;
        this.home = home;
        this.userPrefix = List.copyOf(userPrefix);
    }

    /** target/lpm.jar, as the failsafe plugin names it. */
    public static Path packagedJar() {
        String jarProperty = System.getProperty("lpm.jar");
        assertThat(jarProperty).as("system property lpm.jar (set by the failsafe plugin)").isNotNull();
        Path jar = Path.of(jarProperty);
        assertThat(jar).as("packaged jar; run mvn verify").exists();
        return jar;
    }

    public Path home() {
        return home;
    }

    /** Nor the machine's root helper: a test that wants one starts its own (RootHelper) and passes its socket. */
    private static final String NO_HELPER = "/run/lpmtest-no-helper/helper.sock";

    /** Each test's instance gets its own proxy port (LPM_PROXY_PORT), so tests never meet a real lpm. */
    public int proxyPort() {
        return proxyPort;
    }

    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public Result run(String... args) {
        return run(Duration.ofSeconds(60), args);
    }

    public Result run(Duration timeout, String... args) {
        return run(java.util.Map.of(), timeout, args);
    }

    /** Runs with extra environment variables (e.g. LPM_BROWSER). */
    public Result run(java.util.Map<String, String> env, Duration timeout, String... args) {
        return run(List.of(), env, timeout, args);
    }

    /**
     * Runs behind {@code prefix} (e.g. {@code setpriv --reuid=65534 ...} to run as another user) with extra
     * environment variables.
     */
    public Result run(List<String> prefix, java.util.Map<String, String> env, Duration timeout, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(userPrefix);
        command.addAll(List.of(javaBinary(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("lpmtest-out", ".txt");
            Path err = Files.createTempFile("lpmtest-err", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                builder.environment().put("LPM_HOME", home.toString());
                builder.environment().put("LPM_PROXY_PORT", Integer.toString(proxyPort));
                builder.environment().put("LPM_HELPER_SOCKET", NO_HELPER);
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("lpm " + String.join(" ", args) + " did not finish within " + timeout);
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts {@code lpm daemon} as a child of the test, for tests that manage the daemon themselves. */
    public Process startDaemon(Path log) throws IOException {
        return startDaemon(log, List.of());
    }

    /** Starts {@code lpm daemon} behind {@code prefix}, e.g. {@code ip netns exec NS} to run it in a namespace. */
    public Process startDaemon(Path log, List<String> prefix) throws IOException {
        return startDaemon(log, prefix, java.util.Map.of());
    }

    /** Starts {@code lpm daemon} behind {@code prefix} with extra environment variables (JAVA_TOOL_OPTIONS). */
    public Process startDaemon(Path log, List<String> prefix, java.util.Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(userPrefix);
        command.addAll(List.of(javaBinary(), "-jar", jar.toString(), "daemon"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("LPM_HOME", home.toString());
        builder.environment().put("LPM_PROXY_PORT", Integer.toString(proxyPort));
        builder.environment().put("LPM_HELPER_SOCKET", NO_HELPER);
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Starts a long-running lpm command (e.g. {@code proxy}) as a child of the test. */
    public Process startCommand(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(userPrefix);
        command.addAll(List.of(javaBinary(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LPM_HOME", home.toString());
        builder.environment().put("LPM_PROXY_PORT", Integer.toString(proxyPort));
        return builder.start();
    }

    /**
     * Starts a long-running lpm command (e.g. {@code run}) behind {@code prefix}, as this CLI's user in
     * {@code directory}, with its stdout
     * and stderr in files of their own; the started process is the JVM itself (setpriv and env exec into it), so
     * signals sent to it reach lpm as a terminal's would.
     */
    public Process startIn(List<String> prefix, Path directory, Path out, Path err, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(userPrefix);
        command.addAll(List.of(javaBinary(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("LPM_HOME", home.toString());
        builder.environment().put("LPM_PROXY_PORT", Integer.toString(proxyPort));
        builder.environment().put("LPM_HELPER_SOCKET", NO_HELPER);
        return builder.start();
    }

    /** The pid written into the instance lock by the running daemon, if one runs. */
    public Optional<ProcessHandle> daemon() {
        try {
            List<String> lines = Files.readAllLines(home.resolve("lpm.lock"));
            if (lines.isEmpty() || lines.getFirst().isBlank()) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.getFirst().trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops the daemon the way a user's Ctrl-C does (SIGTERM), and waits for it to exit. */
    public void stopDaemon() {
        daemon().ifPresent(daemon -> {
            daemon.destroy();
            try {
                daemon.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                daemon.destroyForcibly();
                throw new AssertionError("the lpm daemon (pid " + daemon.pid() + ") did not stop on SIGTERM", e);
            }
        });
    }

    @Override
    public void close() {
        daemon().ifPresent(daemon -> {
            List<ProcessHandle> tree = daemon.descendants().toList();
            daemon.destroy();
            try {
                daemon.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                daemon.destroyForcibly();
            }
            tree.forEach(ProcessHandle::destroyForcibly);
        });
    }

    /** Starts {@code lpm ARGS} as root (not as this CLI's user) behind {@code prefix}, e.g. {@code lpm helper}. */
    public Process startAsRoot(List<String> prefix, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(javaBinary(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
