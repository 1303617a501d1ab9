package dev.lpm.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code lpm helper} as root, as its systemd unit starts it, with its socket, state and policy in a directory
 * of the test's ({@code /run/lpmtest-helper-*}), behind a prefix (a network namespace of the test's, or the
 * host's). {@link #close()} removes every rule it holds ({@code --release-all}), stops it and removes the files.
 */
public final class RootHelper implements AutoCloseable {

    private final List<String> prefix;
    private final List<String> options;
    private final Path dir;
    private Process process;

    private RootHelper(List<String> prefix, List<String> options, Path dir) {
        this.prefix = prefix;
        this.options = options;
        this.dir = dir;
    }

    public static RootHelper start(List<String> prefix) throws IOException {
        return start(prefix, List.of());
    }

    /** With more options of {@code lpm helper}, e.g. {@code --hosts-file PATH}. */
    public static RootHelper start(List<String> prefix, List<String> options) throws IOException {
        Requirements.requireRoot();
        Path dir = Files.createTempDirectory(Path.of("/run"), "lpmtest-helper-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        RootHelper helper = new RootHelper(prefix, options, dir);
        try {
            helper.startProcess();
            return helper;
        } catch (IOException | RuntimeException | Error e) {
            helper.close();
            throw e;
        }
    }

    /** Starts it again on the same state file (after {@link #kill()}). */
    public void startProcess() throws IOException {
        Path log = dir.resolve("helper.log");
        List<String> args = new java.util.ArrayList<>(List.of("helper", "--socket", socket().toString(),
                "--state", state().toString(), "--policy", dir.resolve("policy.json").toString()));
        args.addAll(options);
        process = new LpmCli(dir).startAsRoot(prefix, log, args.toArray(String[]::new));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(socket())) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("lpm helper did not open " + socket() + ": " + log());
            }
            sleep();
        }
    }

    public Path socket() {
        return dir.resolve("helper.sock");
    }

    private Path state() {
        return dir.resolve("state.json");
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("helper.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** SIGKILL: the rules stay (fail closed). */
    public void kill() throws InterruptedException, IOException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Files.deleteIfExists(socket());
    }

    @Override
    public void close() throws IOException {
        try {
            if (process != null) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Process release = new LpmCli(dir).startAsRoot(prefix, dir.resolve("release.log"), "helper", "--release-all",
                    "--state", state().toString());
            if (!release.waitFor(60, TimeUnit.SECONDS)) {
                release.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
