package dev.lpm.docker.engine;

import dev.lpm.testsupport.Requirements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Containers a test makes with the docker CLI, all named {@code lpmtest-5b-*} and removed with
 * {@code docker rm -f} on {@link #close()} (call it from @AfterEach, so a failed test cleans up too).
 * Never touches containers it did not make: others run tests on the same engine.
 */
public final class TestContainers implements AutoCloseable {

    public static final String PREFIX = "lpmtest-5b-";
    public static final String IMAGE = "lpm/busybox:test";
    public static final String[] HTTPD = {IMAGE, "httpd", "-f", "-p", "80", "-h", "/www"};
    public static final String[] SLEEP = {IMAGE, "sleep", "3600"};

    private static final SecureRandom RANDOM = new SecureRandom();
    private final List<String> names = new CopyOnWriteArrayList<>();

    /** Skips (fails under CI) without an engine, and builds the test image if needed. */
    public static void requireEngineAndImage() {
        Requirements.requireDockerEngine();
        String result = run(120, Path.of("bin/docker-test-image").toAbsolutePath().toString());
        if (result == null) {
            throw new IllegalStateException("bin/docker-test-image failed");
        }
    }

    /** A fresh name in our namespace; {@link #close()} removes a container by that name if one exists. */
    public String newName(String purpose) {
        String name = PREFIX + purpose + "-" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        names.add(name);
        return name;
    }

    /** Whether this instance made {@code c}: the scope the guard gets in tests, so it never stops anyone else's. */
    public boolean owns(ContainerInfo c) {
        return names.contains(c.name());
    }

    /** A container serving "hello from lpm" on port 80, with {@code options} before the image. */
    public String httpd(String purpose, String... options) {
        return run(purpose, concat(options, HTTPD));
    }

    /** A container that just stays up, with {@code options} before the image. */
    public String sleeper(String purpose, String... options) {
        return run(purpose, concat(options, SLEEP));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** {@code docker run -d --name lpmtest-5b-PURPOSE-X ARGS...}; returns the full container id. */
    public String run(String purpose, String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "run", "-d", "--name", newName(purpose)));
        command.addAll(List.of(args));
        return docker(command.toArray(String[]::new));
    }

    public static boolean isRunning(String id) {
        return docker("inspect", "-f", "{{.State.Running}}", id).equals("true");
    }

    public static String restartPolicy(String id) {
        return docker("inspect", "-f", "{{.HostConfig.RestartPolicy.Name}}", id);
    }

    /** Runs the docker CLI (it honours DOCKER_HOST too); its trimmed stdout, or an exception with stderr. */
    public static String docker(String... args) {
        String[] command = args[0].equals("docker") ? args : prepend(args);
        String out = run(60, command);
        if (out == null) {
            throw new IllegalStateException("failed: " + String.join(" ", command) + ": " + lastError);
        }
        return out;
    }

    @Override
    public void close() {
        if (!names.isEmpty()) {
            List<String> command = new ArrayList<>(List.of("docker", "rm", "-f"));
            command.addAll(names);
            run(60, command.toArray(String[]::new)); // "No such container" for names never used is fine
            names.clear();
        }
    }

    private static volatile String lastError = "";

    private static String[] prepend(String[] args) {
        String[] full = new String[args.length + 1];
        full[0] = "docker";
        System.arraycopy(args, 0, full, 1, args.length);
        return full;
    }

    private static String run(int timeoutSeconds, String... command) {
        try {
            Process p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
            var out = p.inputReader(StandardCharsets.UTF_8);
            var err = p.errorReader(StandardCharsets.UTF_8);
            StringBuilder stdout = new StringBuilder();
            StringBuilder stderr = new StringBuilder();
            Thread errPump = Thread.ofVirtual().start(() -> err.lines().forEach(l -> stderr.append(l).append('\n')));
            out.lines().forEach(l -> stdout.append(l).append('\n'));
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                lastError = "timed out";
                return null;
            }
            errPump.join();
            if (p.exitValue() != 0) {
                lastError = stderr.toString().strip();
                return null;
            }
            return stdout.toString().strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
