package dev.lpm.ui.window;

import static dev.lpm.ui.window.SampleData.finding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.ServiceState;
import dev.lpm.core.Severity;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DashboardViewModelTest {

    private final ViewModelFixture fx = new ViewModelFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void countsFollowTheOtherListsAndEventsUpdateTheStatus() {
        fx.backend.put("api", "node api.js", ServiceState.RUNNING);
        fx.backend.put("web", "npm start", ServiceState.STOPPED);
        fx.backend.problems.add("the proxy is not listening on 1355");
        var services = new ServicesViewModel(fx.backend, fx.events, fx.work, Clock.systemUTC());
        var blocked = new BlockedViewModel(fx.backend, fx.events, fx.work);
        var findings = new FindingsViewModel(fx.backend, fx.events);
        var vm = new DashboardViewModel(fx.backend, fx.events, services.rows(), blocked.blocked(),
                findings.findings());

        assertThat(vm.servicesRunning().get()).isEqualTo(1);
        assertThat(vm.servicesTotal().get()).isEqualTo(2);
        assertThat(vm.blockedCount().get()).isZero();
        assertThat(vm.findingsSummary().get()).isEqualTo("none");
        assertThat(vm.killSwitchProperty().get()).isTrue();
        assertThat(vm.problems()).containsExactly("the proxy is not listening on 1355");

        fx.backend.start(dev.lpm.core.ServiceName.of("web"));
        fx.backend.publish(new LpmEvent.ContainerBlocked(SampleData.block("c1", "web"), Instant.now()));
        fx.backend.publish(new LpmEvent.FindingsChanged("web", List.of(finding("privileged", Severity.CRITICAL,
                "web"), finding("latest-tag", Severity.LOW, "web")), Instant.now()));
        Instant vpnAt = Instant.parse("2026-03-05T14:30:00Z");
        fx.backend.publish(new LpmEvent.VpnChanged(SampleData.VPN_UP, vpnAt));
        fx.backend.updateSettings(s -> s.edit(b -> b.killSwitch = false));
        fx.backend.publish(new LpmEvent.DockerEngineChanged(false, "no Docker engine at unix:///var/run/docker.sock",
                Instant.now()));
        fx.backend.publish(new LpmEvent.StateFileProblem("registry.json", "registry.json.corrupt-1",
                "not JSON", Instant.now()));

        assertThat(vm.servicesRunning().get()).isEqualTo(2);
        assertThat(vm.blockedCount().get()).isEqualTo(1);
        assertThat(vm.findingsSummary().get()).isEqualTo("1 critical, 1 low");
        assertThat(vm.vpnProperty().get().active()).isTrue();
        assertThat(vm.vpnSinceProperty().get()).isEqualTo(vpnAt);
        assertThat(vm.killSwitchProperty().get()).isFalse();
        assertThat(vm.dockerReachableProperty().get()).isFalse();
        assertThat(vm.dockerDetailProperty().get()).startsWith("no Docker engine");
        assertThat(vm.problems()).last().asString()
                .isEqualTo("registry.json: not JSON (what was in it is kept at registry.json.corrupt-1)");
    }
}
