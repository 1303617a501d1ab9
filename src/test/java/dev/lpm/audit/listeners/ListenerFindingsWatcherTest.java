package dev.lpm.audit.listeners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.Finding;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.PortExposure;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import dev.lpm.core.ServiceState;
import dev.lpm.core.ServiceStatus;
import dev.lpm.core.Severity;
import dev.lpm.core.VpnStatus;
import dev.lpm.events.EventBus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ListenerFindingsWatcherTest {

    private static final Instant NOW = Instant.parse("2026-12-04T20:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final VpnStatus VPN = new VpnStatus(true, List.of("tun0"), List.of(), "tun0", List.of(), List.of());
    private static final VpnStatus NO_VPN = new VpnStatus(false, List.of(), List.of(), "eth0", List.of(), List.of());

    private final EventBus events = new EventBus();
    private final List<LpmEvent.FindingsChanged> published = new CopyOnWriteArrayList<>();
    private final AtomicReference<List<Service>> services = new AtomicReference<>(List.of());

    ListenerFindingsWatcherTest() {
        events.subscribe(event -> {
            if (event instanceof LpmEvent.FindingsChanged changed) {
                published.add(changed);
            }
        });
    }

    private static Service api(PortExposure exposure) {
        ServiceSpec spec = new ServiceSpec(ServiceName.of("api"), "python3 -m http.server {port}", 4000,
                ServiceFlags.NONE, null, Map.of(), NOW, true);
        return new Service(spec, new ServiceStatus(ServiceState.RUNNING, "up", NOW, 42L, null, 0, exposure));
    }

    private void changed(Service service) {
        services.set(List.of(service));
        events.publish(new LpmEvent.ServiceChanged(service, NOW));
    }

    @Test
    void publishesAFindingWhenAServiceListensBeyondLoopbackAndClearsItWhenItNoLongerDoes() {
        try (var watcher = new ListenerFindingsWatcher(events, services::get, false, CLOCK)) {
            changed(api(null));
            changed(api(PortExposure.of(List.of("0.0.0.0")).orElseThrow()));
            changed(api(PortExposure.of(List.of("0.0.0.0")).orElseThrow())); // no news
            changed(api(PortExposure.of(List.of("127.0.0.1")).orElseThrow()));

            assertThat(published).hasSize(2);
            assertThat(published.get(0).container()).isEqualTo("service api");
            assertThat(published.get(0).findings()).extracting(Finding::id)
                    .containsExactly(ListenerFinding.ID);
            assertThat(published.get(1).findings()).isEmpty();
        }
    }

    @Test
    void theVpnRaisesTheSeverityAndAnUnregisteredServiceLosesItsFinding() {
        Service exposed = api(PortExposure.of(List.of("::")).orElseThrow());
        services.set(List.of(exposed));
        try (var watcher = new ListenerFindingsWatcher(events, services::get, false, CLOCK)) {
            events.publish(new LpmEvent.VpnChanged(VPN, NOW));
            events.publish(new LpmEvent.VpnChanged(NO_VPN, NOW));
            events.publish(new LpmEvent.ServiceRemoved(exposed.name(), NOW));

            assertThat(published).extracting(p -> p.findings().isEmpty() ? null : p.findings().getFirst().severity())
                    .containsExactly(Severity.MEDIUM, Severity.HIGH, Severity.MEDIUM, null);
        }
    }

    @Test
    void afterCloseItPublishesNothing() {
        new ListenerFindingsWatcher(events, services::get, false, CLOCK).close();
        changed(api(PortExposure.of(List.of("0.0.0.0")).orElseThrow()));
        assertThat(published).isEmpty();
    }
}
