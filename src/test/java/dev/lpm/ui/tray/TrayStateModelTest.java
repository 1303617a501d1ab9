package dev.lpm.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.BlockEvent;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.ServiceState;
import dev.lpm.core.VpnStatus;
import dev.lpm.ui.FakeDesktopBackend;
import dev.lpm.ui.FxEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrayStateModelTest {

    static final VpnStatus TUN0 = new VpnStatus(true, List.of("tun0"), List.of(), "tun0",
            List.of("tun0 is up"), List.of());

    final FakeDesktopBackend backend = new FakeDesktopBackend();
    final FxEvents events = new FxEvents(backend.bus, Runnable::run);
    TrayStateModel model;

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
        events.close();
    }

    static BlockEvent block(String id, String name) {
        return new BlockEvent(id, name, "nginx", List.of("0.0.0.0:8080->80/tcp"), "publishes 0.0.0.0:8080->80/tcp",
                Instant.now(), Duration.ofMillis(40));
    }

    @Test
    void startsFromTheBackendsCurrentValues() {
        backend.put("api", "x {port}", ServiceState.RUNNING);
        backend.put("web", "x {port}", ServiceState.RUNNING);
        backend.put("db", "x {port}", ServiceState.STOPPED);
        model = new TrayStateModel(backend, events);
        assertThat(model.current()).isEqualTo(new TrayStatus(TrayState.SECURE,
                "lpm: 2 services running · no VPN · kill switch on"));
    }

    @Test
    void followsEventsWithPrecedenceBlockedOverProblemOverVpn() {
        backend.put("api", "x {port}", ServiceState.RUNNING);
        model = new TrayStateModel(backend, events);
        List<TrayStatus> seen = new ArrayList<>();
        model.onChange(seen::add);

        backend.put("web", "x {port}", ServiceState.RUNNING);
        backend.put("db", "x {port}", ServiceState.RUNNING);
        backend.setVpn(TUN0);
        assertThat(model.current()).isEqualTo(new TrayStatus(TrayState.VPN_ACTIVE,
                "lpm: 3 services running · VPN active (tun0) · kill switch on"));

        backend.publish(new LpmEvent.DockerEngineChanged(false, "no Docker engine", Instant.now()));
        assertThat(model.current().state()).isEqualTo(TrayState.PROBLEM);
        assertThat(model.current().tooltip()).startsWith("lpm: Docker engine unreachable · 3 services running");

        backend.publish(new LpmEvent.ContainerBlocked(block("c1", "lpmtest-a"), Instant.now()));
        backend.publish(new LpmEvent.ContainerBlocked(block("c2", "lpmtest-b"), Instant.now()));
        assertThat(model.current().state()).isEqualTo(TrayState.BLOCKED);
        assertThat(model.current().tooltip()).startsWith("lpm: 2 containers blocked · Docker engine unreachable");

        backend.publish(new LpmEvent.ContainerResumed("c1", "lpmtest-a", Instant.now()));
        backend.publish(new LpmEvent.ContainerResumed("c2", "lpmtest-b", Instant.now()));
        assertThat(model.current().state()).isEqualTo(TrayState.PROBLEM);
        backend.publish(new LpmEvent.DockerEngineChanged(true, "Docker Engine 28", Instant.now()));
        assertThat(model.current().state()).isEqualTo(TrayState.VPN_ACTIVE);
        backend.setVpn(VpnStatus.UNKNOWN);
        assertThat(model.current().state()).isEqualTo(TrayState.SECURE);

        assertThat(seen).extracting(TrayStatus::state).containsSubsequence(TrayState.VPN_ACTIVE, TrayState.PROBLEM,
                TrayState.BLOCKED, TrayState.PROBLEM, TrayState.VPN_ACTIVE, TrayState.SECURE);
    }

    @Test
    void blockedContainersKnownAtStartShowRed() {
        backend.blocked.add(block("c9", "lpmtest-old"));
        model = new TrayStateModel(backend, events);
        assertThat(model.current().state()).isEqualTo(TrayState.BLOCKED);
        assertThat(model.current().tooltip()).startsWith("lpm: 1 container blocked ·");
    }

    @Test
    void backendProblemsAndCrashesShowInTheTooltip() {
        model = new TrayStateModel(backend, events);
        backend.problems.add("the proxy is not listening on 127.0.0.1:1355");
        backend.problems.add("services.json was corrupt");
        backend.put("api", "x {port}", ServiceState.CRASHED);
        assertThat(model.current()).isEqualTo(new TrayStatus(TrayState.PROBLEM,
                "lpm: the proxy is not listening on 127.0.0.1:1355 (+1 more) · no services running · 1 crashed"
                        + " · no VPN · kill switch on"));
    }

    @Test
    void killSwitchSettingAndRemovedServicesUpdateTheTooltip() {
        backend.put("api", "x {port}", ServiceState.RUNNING);
        model = new TrayStateModel(backend, events);
        backend.updateSettings(s -> s.edit(b -> b.killSwitch = false));
        backend.unregister(dev.lpm.core.ServiceName.of("api"));
        assertThat(model.current().tooltip()).isEqualTo("lpm: no services running · no VPN · kill switch off");
    }

    @Test
    void longTooltipsAreCutAtWindowsLimit() {
        String longProblem = "x".repeat(200);
        TrayStatus status = TrayStatus.of(new TrayStatus.Inputs(1, 0, VpnStatus.UNKNOWN, true, 0, true,
                List.of(longProblem)));
        assertThat(status.tooltip()).hasSize(TrayStatus.MAX_TOOLTIP).endsWith("…");
    }

    @Test
    void closeStopsFollowingEvents() {
        model = new TrayStateModel(backend, events);
        model.close();
        backend.setVpn(TUN0);
        assertThat(model.current().state()).isEqualTo(TrayState.SECURE);
    }
}
