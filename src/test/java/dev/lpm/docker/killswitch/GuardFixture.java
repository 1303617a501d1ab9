package dev.lpm.docker.killswitch;

import static org.awaitility.Awaitility.await;

import dev.lpm.core.BlockEvent;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.VpnStatus;
import dev.lpm.docker.engine.DockerGateway;
import dev.lpm.docker.engine.TestContainers;
import dev.lpm.events.EventBus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the guard tests share: an event bus that records, containers, and guards scoped to those containers. */
final class GuardFixture implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    final EventBus bus = new EventBus();
    final List<LpmEvent> published = new CopyOnWriteArrayList<>();
    final TestContainers containers = new TestContainers();
    final Path stateFile;
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    GuardFixture(Path dir) {
        this.stateFile = dir.resolve("blocked-containers.json");
        bus.subscribe(published::add);
    }

    GuardConfig config(boolean resumeAutomatically) {
        return GuardConfig.of(stateFile, () -> true, () -> resumeAutomatically).withScope(containers::owns)
                .withReconnect(Duration.ofMillis(50), Duration.ofMillis(500));
    }

    ContainerGuard guard(DockerGateway gateway, GuardConfig config) throws IOException {
        ContainerGuard guard = ContainerGuard.start(gateway, bus, Clock.systemUTC(), config, VpnStatus.UNKNOWN);
        toClose.add(guard);
        return guard;
    }

    DockerGateway gateway(String dockerHost) {
        DockerGateway gateway = dockerHost == null ? DockerGateway.fromEnvironment() : DockerGateway.connect(dockerHost);
        toClose.add(gateway);
        return gateway;
    }

    void vpn(boolean active) {
        bus.publish(new LpmEvent.VpnChanged(new VpnStatus(active, active ? List.of("tun0") : List.of(), List.of(),
                active ? "tun0" : "eth0", List.of("published by the test"), List.of()), Instant.now()));
    }

    Optional<BlockEvent> blockOf(String containerId) {
        return published.stream().filter(e -> e instanceof LpmEvent.ContainerBlocked b
                        && b.block().containerId().equals(containerId))
                .map(e -> ((LpmEvent.ContainerBlocked) e).block()).findFirst();
    }

    BlockEvent awaitBlocked(String containerId) {
        return await().atMost(WAIT).until(() -> blockOf(containerId), Optional::isPresent).orElseThrow();
    }

    boolean resumed(String containerId) {
        return published.stream().anyMatch(e -> e instanceof LpmEvent.ContainerResumed r
                && r.containerId().equals(containerId));
    }

    /** Guards first (they must stop acting before their containers go), then the containers. */
    @Override
    public void close() {
        for (AutoCloseable c : toClose.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                // keep cleaning
            }
        }
        containers.close();
    }
}
