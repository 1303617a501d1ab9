package dev.lpm.ui.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.BlockEvent;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import dev.lpm.core.ServiceState;
import dev.lpm.core.ServiceStatus;
import dev.lpm.core.Settings;
import dev.lpm.core.VpnStatus;
import dev.lpm.ui.tray.TrayState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationThrottleTest {

    static final VpnStatus TUN0 = new VpnStatus(true, List.of("tun0"), List.of(), "tun0", List.of(), List.of());

    final MutableClock clock = new MutableClock();
    final NotificationThrottle throttle = new NotificationThrottle(clock, NotificationThrottle.BLOCK_WINDOW, false,
            true, Map.of());

    static LpmEvent.ContainerBlocked blocked(String name) {
        return new LpmEvent.ContainerBlocked(new BlockEvent("id-" + name, name, "nginx",
                List.of("0.0.0.0:8080->80/tcp"), "publishes 0.0.0.0:8080->80/tcp", Instant.now(), Duration.ZERO),
                Instant.now());
    }

    static LpmEvent.ServiceChanged service(String name, ServiceState state, Integer exitCode) {
        return new LpmEvent.ServiceChanged(new Service(new ServiceSpec(ServiceName.of(name), "x {port}", 4000, null,
                null, Map.of(), Instant.now(), true), new ServiceStatus(state, "exited", Instant.now(), null,
                exitCode, 0)), Instant.now());
    }

    @Test
    void aBurstOfTenBlocksIsOneNotificationSayingTen() {
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.accept(blocked("lpmtest-web-" + i))).isEmpty();
            clock.advance(Duration.ofMillis(150)); // 1.35 s in all: inside the 2 s window
        }
        assertThat(throttle.flushDue()).as("window still open").isEmpty();
        assertThat(throttle.blockBurstDueAt()).contains(Instant.parse("2026-01-01T10:00:02Z"));
        clock.advance(Duration.ofMillis(650));
        List<Notification> due = throttle.flushDue();
        assertThat(due).hasSize(1);
        Notification n = due.getFirst();
        assertThat(n.title()).isEqualTo("10 containers blocked");
        assertThat(n.body()).startsWith("Stopped lpmtest-web-0, lpmtest-web-1, lpmtest-web-2 and 7 more:");
        assertThat(n.urgency()).isEqualTo(Notification.Urgency.CRITICAL);
        assertThat(n.icon()).isEqualTo(TrayState.BLOCKED);
        assertThat(throttle.flushDue()).isEmpty();
        assertThat(throttle.blockBurstDueAt()).isEmpty();
    }

    @Test
    void oneBlockNamesTheContainerAndALaterBlockOpensANewWindow() {
        throttle.accept(blocked("lpmtest-web"));
        clock.advance(NotificationThrottle.BLOCK_WINDOW);
        assertThat(throttle.flushDue()).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Container blocked: lpmtest-web");
            assertThat(n.body()).contains("publishes 0.0.0.0:8080->80/tcp while a VPN is up");
        });
        clock.advance(Duration.ofSeconds(5));
        throttle.accept(blocked("lpmtest-db"));
        clock.advance(Duration.ofSeconds(1));
        throttle.accept(blocked("lpmtest-cache"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.flushDue()).singleElement().extracting(Notification::title)
                .isEqualTo("2 containers blocked");
    }

    @Test
    void vpnNotificationsOnlyWhenTheVerdictFlips() {
        assertThat(throttle.accept(new LpmEvent.VpnChanged(VpnStatus.UNKNOWN, Instant.now()))).isEmpty();
        assertThat(throttle.accept(new LpmEvent.VpnChanged(TUN0, Instant.now()))).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("VPN active (tun0)");
            assertThat(n.body()).startsWith("Kill switch on");
        });
        VpnStatus twoTunnels = new VpnStatus(true, List.of("tun0", "wg0"), List.of(), "tun0", List.of(), List.of());
        assertThat(throttle.accept(new LpmEvent.VpnChanged(twoTunnels, Instant.now()))).isEmpty();
        assertThat(throttle.accept(new LpmEvent.VpnChanged(VpnStatus.UNKNOWN, Instant.now())))
                .singleElement().extracting(Notification::title).isEqualTo("VPN down");
        throttle.accept(new LpmEvent.SettingsChanged(Settings.DEFAULTS.edit(b -> b.killSwitch = false), Instant.now()));
        assertThat(throttle.accept(new LpmEvent.VpnChanged(TUN0, Instant.now()))).singleElement()
                .extracting(Notification::body).asString().startsWith("Kill switch off");
    }

    @Test
    void aCrashIsAnnouncedOnceUntilTheServiceRecovers() {
        assertThat(throttle.accept(service("api", ServiceState.RUNNING, null))).isEmpty();
        assertThat(throttle.accept(service("api", ServiceState.CRASHED, 3))).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Service crashed: api");
            assertThat(n.body()).isEqualTo("exited (exit code 3)");
        });
        assertThat(throttle.accept(service("api", ServiceState.CRASHED, 3))).as("still crashed").isEmpty();
        throttle.accept(service("api", ServiceState.RUNNING, null));
        assertThat(throttle.accept(service("api", ServiceState.CRASHED, 1))).hasSize(1);
    }

    @Test
    void servicesAlreadyCrashedAtStartAreNotAnnounced() {
        NotificationThrottle seeded = new NotificationThrottle(clock, NotificationThrottle.BLOCK_WINDOW, false, true,
                Map.of(ServiceName.of("api"), ServiceState.CRASHED));
        assertThat(seeded.accept(service("api", ServiceState.CRASHED, 1))).isEmpty();
    }
}
