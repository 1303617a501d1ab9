package dev.lpm.ui.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.PortExposure;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceState;
import dev.lpm.core.ServiceStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServicesViewModelTest {

    private final ViewModelFixture fx = new ViewModelFixture();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-05T14:30:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void loadsExistingServicesSortedByNameWithTheirUrls() {
        fx.backend.put("web", "npm start", ServiceState.STOPPED);
        fx.backend.put("api", "node api.js", ServiceState.RUNNING);
        var vm = new ServicesViewModel(fx.backend, fx.events, fx.work, clock);

        assertThat(vm.rows()).extracting(r -> r.name().value()).containsExactly("api", "web");
        assertThat(vm.rows().getFirst().url()).isEqualTo("http://api.localhost:1355");
    }

    @Test
    void aChangedUrlSchemeChangesTheRowsAddresses() {
        fx.backend.put("web", "npm start", ServiceState.RUNNING);
        var vm = new ServicesViewModel(fx.backend, fx.events, fx.work, clock);
        assertThat(vm.rows().getFirst().url()).isEqualTo("http://web.localhost:1355");

        fx.backend.updateSettings(s -> s.edit(e -> e.urlScheme = dev.lpm.core.UrlScheme.HTTPS));
        assertThat(vm.rows()).singleElement().satisfies(row -> {
            assertThat(row.url()).isEqualTo("https://web.localhost:1355");
            assertThat(row.state()).isEqualTo(ServiceState.RUNNING);
        });
    }

    @Test
    void servicesOfAProjectSitTogetherAfterTheOnesOnTheirOwnAndMoveWhenTheirGroupChanges() {
        fx.backend.putInGroup("shop", "web", "npm start", ServiceState.RUNNING);
        fx.backend.put("zeta", "node z.js", ServiceState.STOPPED);
        fx.backend.putInGroup("shop", "api", "node api.js", ServiceState.RUNNING);
        fx.backend.putInGroup("blog", "zz-blog", "hugo server", ServiceState.RUNNING);
        var vm = new ServicesViewModel(fx.backend, fx.events, fx.work, clock);

        assertThat(vm.rows()).extracting(r -> r.group() + "/" + r.name().value())
                .containsExactly("/zeta", "blog/zz-blog", "shop/api", "shop/web");

        // lpm up of another project took over 'zeta': the row moves to its group.
        fx.backend.putInGroup("blog", "zeta", "node z.js", ServiceState.RUNNING);
        assertThat(vm.rows()).extracting(r -> r.group() + "/" + r.name().value())
                .containsExactly("blog/zeta", "blog/zz-blog", "shop/api", "shop/web");
    }

    @Test
    void addsChangesAndRemovesRowsOnEvents() {
        var vm = new ServicesViewModel(fx.backend, fx.events, fx.work, clock);
        fx.backend.put("web", "npm start", ServiceState.STARTING);
        Service api = fx.backend.put("api", "node api.js", ServiceState.STOPPED);

        assertThat(vm.rows()).extracting(r -> r.name().value()).containsExactly("api", "web");

        fx.backend.update(api.withStatus(new ServiceStatus(ServiceState.CRASHED, "exited with 1", now.get(), null,
                1, 2)));
        ServiceRow row = vm.row(ServiceName.of("api")).orElseThrow();
        assertThat(row.state()).isEqualTo(ServiceState.CRASHED);
        assertThat(row.reasonProperty().get()).isEqualTo("exited with 1");
        assertThat(vm.rows()).hasSize(2);

        fx.backend.publish(new LpmEvent.ServiceRemoved(ServiceName.of("web"), now.get()));
        assertThat(vm.rows()).extracting(r -> r.name().value()).containsExactly("api");
    }

    @Test
    void uptimeCountsFromSinceWhileRunningAndTicks() {
        Service api = fx.backend.put("api", "node api.js", ServiceState.STOPPED);
        var vm = new ServicesViewModel(fx.backend, fx.events, fx.work, clock);
        ServiceRow row = vm.row(api.name()).orElseThrow();
        assertThat(row.uptimeProperty().get()).isEmpty();

        fx.backend.update(api.withStatus(new ServiceStatus(ServiceState.RUNNING, "ready", now.get(), 42L, null, 0)));
        assertThat(row.uptimeProperty().get()).isEqualTo("0s");

        now.set(now.get().plus(Duration.ofSeconds(187)));
        vm.tick();
        assertThat(row.uptimeProperty().get()).isEqualTo("3m 07s");
    }

    @Test
    void aServiceOtherMachinesCanReachGetsAWarningWithTheFixUntilItListensOnLoopback() {
        Service api = fx.backend.put("api", "python3 -m http.server {port}", ServiceState.STOPPED);
        var vm = new ServicesViewModel(fx.backend, fx.events, fx.work, clock);
        ServiceRow row = vm.row(api.name()).orElseThrow();
        ServiceStatus running = new ServiceStatus(ServiceState.RUNNING, "ready", now.get(), 42L, null, 0);
        fx.backend.update(api.withStatus(running));
        assertThat(row.exposureProperty().get()).isEmpty(); // not read yet

        fx.backend.update(api.withStatus(running.withExposure(PortExposure.of(List.of("0.0.0.0")).orElseThrow())));

        assertThat(row.exposureProperty().get()).isEqualTo("listens on 0.0.0.0");
        assertThat(row.exposureAdviceProperty().get())
                .startsWith("api listens on 0.0.0.0:" + api.spec().port() + " (every interface).")
                .contains("reachable from other machines unless lpm's port firewall is on")
                .contains("Fix: python http.server: add --bind 127.0.0.1");
        assertThat(row.flagsProperty().get()).isEmpty();

        fx.backend.update(api.withStatus(running.withExposure(PortExposure.of(List.of("127.0.0.1")).orElseThrow())));
        assertThat(row.exposureProperty().get()).isEmpty();
        assertThat(row.exposureAdviceProperty().get()).isEmpty();
    }

    @Test
    void actionsCallTheBackendAndFailuresAreShown() {
        fx.backend.put("api", "node api.js", ServiceState.STOPPED);
        var vm = new ServicesViewModel(fx.backend, fx.events, fx.work, clock);

        vm.start(ServiceName.of("api"));
        vm.restart(ServiceName.of("api"));
        vm.stop(ServiceName.of("api"));
        vm.unregister(ServiceName.of("api"));
        vm.start(ServiceName.of("api"));

        assertThat(fx.backend.calls).containsExactly("start api", "restart api", "stop api", "unregister api",
                "start api");
        assertThat(vm.rows()).isEmpty();
        assertThat(fx.errors).containsExactly("Starting api: no service named api");
    }

    @Test
    void closeStopsListening() {
        var vm = new ServicesViewModel(fx.backend, fx.events, fx.work, clock);
        vm.close();
        fx.backend.put("api", "node api.js", ServiceState.RUNNING);
        assertThat(vm.rows()).isEmpty();
    }
}
