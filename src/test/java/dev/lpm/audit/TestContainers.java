package dev.lpm.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.testsupport.Requirements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Containers a test starts from {@code lpm/busybox:test} with the docker CLI, all named
 * {@code lpmtest-6-PURPOSE-ID}; {@link #close} removes exactly these (never other containers), also
 * after a failure.
 */
final class TestContainers implements AutoCloseable {

    static final String IMAGE = "lpm/busybox:test";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<String> names = new CopyOnWriteArrayList<>();

    /** Skips (fails under CI) without an engine; builds the test image when it is missing. */
    static TestContainers open() {
        Requirements.requireDockerEngine();
        if (!docker("image", "inspect", IMAGE).ok()) {
            Result built = run(List.of("bin/docker-test-image"));
            assertThat(built.ok()).as("bin/docker-test-image: %s", built.output()).isTrue();
        }
        return new TestContainers();
    }

    /** {@code docker run -d --name lpmtest-6-PURPOSE-ID OPTIONS... lpm/busybox:test COMMAND...}; returns the name. */
    String start(String purpose, List<String> options, String... command) {
        return startFrom(purpose, options, IMAGE, command);
    }

    /** Like {@link #start}, from {@code image} (a tag of the test image, say), without options. */
    String startImage(String purpose, String image, String... command) {
        return startFrom(purpose, List.of(), image, command);
    }

    private String startFrom(String purpose, List<String> options, String image, String... command) {
        String name = "lpmtest-6-" + purpose + "-" + Integer.toString(RANDOM.nextInt(1 << 20) | (1 << 20), 36);
        names.add(name);
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name));
        args.addAll(options);
        args.add(image);
        args.addAll(List.of(command));
        Result result = docker(args.toArray(String[]::new));
        assertThat(result.ok()).as("docker %s: %s", String.join(" ", args), result.output()).isTrue();
        return name;
    }

    String sleeper(String purpose, String... options) {
        return start(purpose, List.of(options), "sleep", "3600");
    }

    /**
     * Like {@link #sleeper}, but accepts a container the engine created and could not start: an engine
     * that itself runs in a container without every capability (as on some CI machines) cannot start
     * {@code --privileged}. Inspect shows the same configuration for a created container, which is all
     * the audit reads.
     */
    String sleeperMaybeCreatedOnly(String purpose, String... options) {
        String name = "lpmtest-6-" + purpose + "-" + Integer.toString(RANDOM.nextInt(1 << 20) | (1 << 20), 36);
        names.add(name);
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name));
        args.addAll(List.of(options));
        args.addAll(List.of(IMAGE, "sleep", "3600"));
        Result result = docker(args.toArray(String[]::new));
        if (!result.ok()) {
            Result state = docker("inspect", "--format", "{{.State.Status}}", name);
            assertThat(state.output().strip()).as("docker %s: %s", String.join(" ", args), result.output())
                    .isEqualTo("created");
            System.err.println("note: " + name + " was created but could not start on this engine: "
                    + result.output().strip());
        }
        return name;
    }

    static boolean running(String name) {
        return docker("inspect", "--format", "{{.State.Running}}", name).output().strip().equals("true");
    }

    @Override
    public void close() {
        List<String> all = List.copyOf(names);
        if (!all.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(all);
            docker(args.toArray(String[]::new));
            names.removeAll(all);
        }
    }

    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    static Result docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return run(command);
    }

    static Result run(List<String> command) {
        try {
            Path out = Files.createTempFile("lpmtest-6-", ".out");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Result(-1, "timed out: " + command);
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
