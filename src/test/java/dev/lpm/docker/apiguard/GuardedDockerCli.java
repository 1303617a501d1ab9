package dev.lpm.docker.apiguard;

import dev.lpm.docker.engine.DockerSocketRelay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The real docker CLI, pointed at a Docker API guard through DOCKER_HOST. Containers are named
 * {@code lpmtest-api-*} and removed on {@link #close()} through the real engine (never others').
 */
final class GuardedDockerCli implements AutoCloseable {

    static final String PREFIX = "lpmtest-api-";
    private static final SecureRandom RANDOM = new SecureRandom();

    record Result(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }
    }

    private final String dockerHost;
    private final List<String> names = new CopyOnWriteArrayList<>();

    GuardedDockerCli(String dockerHost) {
        this.dockerHost = dockerHost;
    }

    String newName(String purpose) {
        String name = PREFIX + purpose + "-" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        names.add(name);
        return name;
    }

    /** docker ARGS through the guard. */
    Result run(String... args) {
        return exec(dockerHost, null, args);
    }

    /** docker ARGS through the guard, with {@code stdin} as its input (then end of input). */
    Result runWithInput(String stdin, String... args) {
        return exec(dockerHost, stdin, args);
    }

    /** Starts docker ARGS through the guard and leaves it running (for docker logs -f). */
    Process start(String... args) {
        try {
            return builder(dockerHost, args).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** docker ARGS against the real engine, bypassing the guard. */
    static Result direct(String... args) {
        return exec("unix://" + DockerSocketRelay.engineSocket(), null, args);
    }

    private static ProcessBuilder builder(String dockerHost, String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DOCKER_HOST", dockerHost);
        builder.environment().remove("DOCKER_CONTEXT");
        return builder;
    }

    private static Result exec(String dockerHost, String stdin, String... args) {
        try {
            Process p = builder(dockerHost, args).start();
            Thread feeder = Thread.ofVirtual().start(() -> {
                try (var in = p.getOutputStream()) {
                    if (stdin != null) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // the process ended early; its exit code says why
                }
            });
            StringBuilder err = new StringBuilder();
            Thread errPump = Thread.ofVirtual().start(() -> {
                try {
                    err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // gone
                }
            });
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: docker " + String.join(" ", args));
            }
            errPump.join();
            feeder.join();
            return new Result(p.exitValue(), out.strip(), err.toString().strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (!names.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("rm", "-f"));
            args.addAll(names);
            direct(args.toArray(String[]::new)); // "No such container" for names never used is fine
            names.clear();
        }
    }
}
