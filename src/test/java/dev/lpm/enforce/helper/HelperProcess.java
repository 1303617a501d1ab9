package dev.lpm.enforce.helper;

import static org.awaitility.Awaitility.await;

import dev.lpm.testsupport.NetworkNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code lpm helper} as its own process inside a test namespace, as systemd would run it:
 * {@code java -cp CLASSES:JARS dev.lpm.app.Launcher helper --socket ... --state ... --policy ...}. The class
 * path holds lpm's classes and only picocli and Jackson, so a helper that reached for anything else of the
 * instance (Netty, docker-java, slf4j, JavaFX) would fail here. The jars are copied where every user can read
 * them, so the same class path serves a run as another user.
 */
final class HelperProcess implements AutoCloseable {

    static final Duration START = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final Path socket;

    private HelperProcess(Process process, Path log, Path socket) {
        this.process = process;
        this.log = log;
        this.socket = socket;
    }

    /** Files of one test: socket directory, state and policy paths, log, class path; made readable for all. */
    record Layout(Path root, Path socket, Path state, Path policy, String classPath) {

        static Layout create(Path root) throws IOException {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path jars = Files.createDirectories(root.resolve("jars"));
            List<String> classPath = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path path = Path.of(entry);
                String name = path.getFileName().toString();
                if (name.equals("classes") && Files.isDirectory(path)) {
                    classPath.addFirst(path.toString());
                } else if (name.matches("(picocli|jackson-core|jackson-databind|jackson-annotations)-[0-9.]+\\.jar")) {
                    Path copy = jars.resolve(name);
                    Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                    classPath.add(copy.toString());
                }
            }
            if (classPath.size() != 5) {
                throw new IllegalStateException("expected target/classes, picocli and three Jackson jars on the test"
                        + " class path, found " + classPath);
            }
            Files.setPosixFilePermissions(jars, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new Layout(root, root.resolve("run/helper.sock"), root.resolve("state/helper-state.json"),
                    root.resolve("etc/helper.json"), String.join(java.io.File.pathSeparator, classPath));
        }

        /** The helper command, after {@code prefix} (e.g. {@code ip netns exec NS} or a user switch). */
        List<String> command(List<String> prefix) {
            List<String> command = new ArrayList<>(prefix);
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath, "dev.lpm.app.Launcher", "helper",
                    "--socket", socket.toString(), "--state", state.toString(), "--policy", policy.toString()));
            return command;
        }
    }

    /** Starts the helper in {@code ns} and waits until its socket answers. */
    static HelperProcess start(NetworkNamespace ns, Layout layout, String logName) throws IOException {
        Path log = layout.root().resolve(logName);
        Process process = new ProcessBuilder(layout.command(List.of("ip", "netns", "exec", ns.name())))
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        HelperProcess helper = new HelperProcess(process, log, layout.socket());
        try {
            await("the helper listening on " + layout.socket()).atMost(START).pollInterval(Duration.ofMillis(50))
                    .until(() -> !process.isAlive() || helper.log().contains("lpm helper: listening on"));
            if (!process.isAlive()) {
                throw new IllegalStateException("the helper exited with " + process.exitValue() + ": " + helper.log());
            }
        } catch (RuntimeException e) {
            helper.close();
            throw e;
        }
        return helper;
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    Path socket() {
        return socket;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash or an OOM kill would end it: no shutdown hook runs. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait, as systemctl stop does. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                stop();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
