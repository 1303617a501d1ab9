package dev.lpm.docker.apiguard;

import dev.lpm.docker.engine.ContainerInfo;
import dev.lpm.docker.killswitch.ContainerExposure;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Judges {@code NetworkMode: container:X} by X's exposure (the kill switch's one rule,
 * {@link ContainerExposure}): a container that joins an exposed container's network is exactly as
 * reachable as X. The engine is asked on one thread of its own, never on the guard's event loop.
 */
final class SharedNetworkCheck implements AutoCloseable {

    /** What the guard says about a container that shares X's network. */
    sealed interface Outcome {
        /** X is not exposed, or does not exist (the engine then refuses the create itself). */
        record Allowed() implements Outcome {}

        record Refused(String message) implements Outcome {}
    }

    private final Function<String, Optional<ContainerInfo>> containers;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            new DefaultThreadFactory("lpm-docker-api-guard-inspect", true));

    /** @param containers finds a container by id or name through the engine; may throw when the engine fails */
    SharedNetworkCheck(Function<String, Optional<ContainerInfo>> containers) {
        this.containers = containers;
    }

    CompletableFuture<Outcome> judge(String owner) {
        return CompletableFuture.supplyAsync(() -> outcome(owner), thread);
    }

    private Outcome outcome(String owner) {
        try {
            Optional<ContainerInfo> info = containers.apply(owner);
            if (info.isEmpty()) {
                return new Outcome.Allowed();
            }
            return ContainerExposure.reason(info.get(), containers)
                    .<Outcome>map(why -> new Outcome.Refused("lpm: --network container:" + owner + " is refused: "
                            + info.get().name() + " " + why + ", so this container would be reachable the same way."
                            + " Publish its ports on loopback instead, e.g. -p 127.0.0.1:8080:80"))
                    .orElseGet(Outcome.Allowed::new);
        } catch (RuntimeException e) {
            // Fail closed: without the answer the guard cannot tell what the container would share.
            return new Outcome.Refused("lpm: --network container:" + owner + " is refused: lpm could not inspect "
                    + owner + " (" + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
