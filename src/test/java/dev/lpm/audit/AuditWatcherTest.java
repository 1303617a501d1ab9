package dev.lpm.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.core.Finding;
import dev.lpm.core.LpmEvent;
import dev.lpm.docker.engine.DockerGateway;
import dev.lpm.events.EventBus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The instance's re-audit: a container that starts is audited and its findings appear on the event stream. */
class AuditWatcherTest {

    @Test
    void aStartedContainerIsAuditedAndARemovedOneIsCleared() {
        List<LpmEvent.FindingsChanged> seen = new CopyOnWriteArrayList<>();
        EventBus bus = new EventBus();
        bus.subscribe(e -> {
            if (e instanceof LpmEvent.FindingsChanged f) {
                seen.add(f);
            }
        });
        try (TestContainers containers = TestContainers.open();
             DockerGateway api = DockerGateway.fromEnvironment();
             AuditWatcher watcher = new AuditWatcher(api, () -> true, bus, Clock.systemUTC()).start()) {
            String name = containers.sleeper("watched", "--cap-add", "NET_ADMIN", "-p", "127.0.0.1::80");

            LpmEvent.FindingsChanged changed = await().atMost(Duration.ofSeconds(30))
                    .until(() -> seen.stream().filter(f -> f.container().equals(name) && !f.findings().isEmpty())
                            .findFirst(), java.util.Optional::isPresent).orElseThrow();
            // The VPN is "up" here, but the port is on loopback: no exposed-during-vpn.
            assertThat(changed.findings()).extracting(Finding::id).containsExactly("added-capabilities", "no-memory-limit",
                    "no-new-privileges-missing", "no-pids-limit", "root-user", "writable-root-filesystem",
                    "logs-stay-local", "no-healthcheck");

            assertThat(changed.image()).isEqualTo(TestContainers.IMAGE);

            containers.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.stream()
                    .anyMatch(f -> f.container().equals(name) && f.findings().isEmpty()));

            // The engine and host checks, as lpm audit --host makes them, once at the start.
            List<LpmEvent.FindingsChanged> host = seen.stream().filter(f -> f.container().equals(Finding.ENGINE)).toList();
            assertThat(host).hasSize(1);
            assertThat(host.getFirst().findings()).extracting(Finding::id)
                    .containsExactlyElementsOf(HostAudit.probe(api).findings().stream()
                            .sorted(ContainerAudit.ORDER).map(Finding::id).toList());
        }
    }

    @Test
    void aContainerTooYoungForANetworkVerdictIsAuditedAgainWhenOldEnough() {
        List<LpmEvent.FindingsChanged> seen = new CopyOnWriteArrayList<>();
        EventBus bus = new EventBus();
        bus.subscribe(e -> {
            if (e instanceof LpmEvent.FindingsChanged f) {
                seen.add(f);
            }
        });
        try (TestContainers containers = TestContainers.open();
             DockerGateway api = DockerGateway.fromEnvironment();
             AuditWatcher watcher = new AuditWatcher(api, () -> false, bus, Clock.systemUTC()).start()) {
            String name = containers.sleeper("quietwatched");

            await().atMost(Duration.ofSeconds(30)).until(() -> seen.stream().anyMatch(f -> f.container().equals(name)));
            assertThat(seen.stream().filter(f -> f.container().equals(name)).findFirst().orElseThrow().findings())
                    .as("at its start it has had no chance to use its network").extracting(Finding::id)
                    .doesNotContain("network-unused");
            LpmEvent.FindingsChanged later = await().atMost(Duration.ofSeconds(90)).until(() -> seen.stream()
                    .filter(f -> f.container().equals(name) && f.findings().stream()
                            .anyMatch(x -> x.id().equals("network-unused"))).findFirst(), java.util.Optional::isPresent)
                    .orElseThrow();
            assertThat(later.findings()).filteredOn(f -> f.id().equals("network-unused")).singleElement()
                    .extracting(Finding::seen).asString().startsWith("no published ports, and 0 packets sent in");
        }
    }
}
