package dev.lpm.ui.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.BlockEvent;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.RestartPolicy;
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
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationThrottleTest {

    static final VpnStatus TUN0 = new VpnStatus(true, List.of("tun0"), List.of(), "tun0", List.of(), List.of());

    final MutableClock clock = new MutableClock();
    final NotificationThrottle throttle = new NotificationThrottle(clock, NotificationThrottle.BLOCK_WINDOW, false,
            Settings.DEFAULTS, Map.of());

    static LpmEvent.ContainerBlocked blocked(String name) {
        return new LpmEvent.ContainerBlocked(new BlockEvent("id-" + name, name, "nginx",
                List.of("0.0.0.0:8080->80/tcp"), "publishes 0.0.0.0:8080->80/tcp", Instant.now(), Duration.ZERO),
                Instant.now());
    }

    static LpmEvent.ServiceChanged service(String name, ServiceState state, Integer exitCode) {
        return service(name, state, exitCode, 0);
    }

    /** {@code restarts}: how many restarts the supervisor made in this series so far (ServiceStatus.restarts). */
    static LpmEvent.ServiceChanged service(String name, ServiceState state, Integer exitCode, int restarts) {
        return new LpmEvent.ServiceChanged(new Service(new ServiceSpec(ServiceName.of(name), "x {port}", 4000, null,
                null, Map.of(), Instant.now(), true), new ServiceStatus(state, "exited", Instant.now(), null,
                exitCode, restarts)), Instant.now());
    }

    /** The default policy with restarts switched off: every crash is final. */
    static final Settings NO_RESTARTS = Settings.DEFAULTS.edit(e -> e.restartPolicy = new RestartPolicy(false,
            Duration.ofSeconds(1), Duration.ofSeconds(30), 5, Duration.ofSeconds(60)));

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
    void aCrashLoopIsTwoNotificationsItsStartAndThatItGaveUp() {
        assertThat(throttle.accept(service("api", ServiceState.RUNNING, null))).isEmpty();
        assertThat(throttle.accept(service("api", ServiceState.CRASHED, 3, 0))).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Service crashed: api");
            assertThat(n.body()).isEqualTo("exited (exit code 3). One more notification says how this crash loop ends.");
        });
        // The default policy restarts 5 times: every crash and restart in between is silent.
        for (int restart = 1; restart <= 5; restart++) {
            clock.advance(Duration.ofSeconds(2));
            assertThat(throttle.accept(service("api", ServiceState.STARTING, null, restart))).isEmpty();
            if (restart == 3) {
                assertThat(throttle.accept(service("api", ServiceState.RUNNING, null, restart))).isEmpty();
                clock.advance(Duration.ofSeconds(10)); // up, but not for stableAfter (60 s): still the same loop
                assertThat(throttle.flushDue()).isEmpty();
            }
            List<Notification> crash = throttle.accept(service("api", ServiceState.CRASHED, 3, restart));
            if (restart < 5) {
                assertThat(crash).as("crash after restart %d", restart).isEmpty();
            } else {
                assertThat(crash).singleElement().satisfies(n -> {
                    assertThat(n.title()).isEqualTo("Service down: api");
                    assertThat(n.body()).isEqualTo("Crashed 6 times in 20 s; lpm stopped restarting it. Last: exited (exit code 3)");
                    assertThat(n.icon()).isEqualTo(TrayState.PROBLEM);
                });
            }
        }
        assertThat(throttle.accept(service("api", ServiceState.CRASHED, 3, 5))).as("still down").isEmpty();
        assertThat(throttle.nextDueAt()).isEmpty();
        // Started again by the user and crashing: a new loop, told again.
        throttle.accept(service("api", ServiceState.STARTING, null, 0));
        assertThat(throttle.accept(service("api", ServiceState.CRASHED, 1, 0))).singleElement()
                .extracting(Notification::title).isEqualTo("Service crashed: api");
    }

    @Test
    void aCrashLoopThatRecoversEndsWithRunningAgainOnceItWasUpForStableAfter() {
        throttle.accept(service("api", ServiceState.RUNNING, null));
        assertThat(throttle.accept(service("api", ServiceState.CRASHED, 1, 0))).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        throttle.accept(service("api", ServiceState.STARTING, null, 1));
        assertThat(throttle.accept(service("api", ServiceState.CRASHED, 1, 1))).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        throttle.accept(service("api", ServiceState.STARTING, null, 2));
        assertThat(throttle.accept(service("api", ServiceState.RUNNING, null, 2))).isEmpty();
        Instant up = clock.instant();
        assertThat(throttle.nextDueAt()).contains(up.plus(Duration.ofSeconds(60)));
        clock.advance(Duration.ofSeconds(59));
        assertThat(throttle.flushDue()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.flushDue()).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Service running again: api");
            assertThat(n.body()).isEqualTo("Up for 60 s after 2 crashes.");
            assertThat(n.icon()).isEqualTo(TrayState.SECURE);
        });
        assertThat(throttle.nextDueAt()).isEmpty();
        assertThat(throttle.flushDue()).isEmpty();
    }

    @Test
    void aStopOrAnUnregisterEndsACrashLoopWithoutAWord() {
        assertThat(throttle.accept(service("api", ServiceState.CRASHED, 1, 0))).hasSize(1);
        throttle.accept(service("api", ServiceState.STOPPED, null, 0));
        throttle.accept(service("api", ServiceState.STARTING, null, 0));
        throttle.accept(service("api", ServiceState.RUNNING, null, 0));
        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.flushDue()).as("no 'running again' for a loop the user ended").isEmpty();

        assertThat(throttle.accept(service("web", ServiceState.CRASHED, 1, 0))).hasSize(1);
        throttle.accept(new LpmEvent.ServiceRemoved(ServiceName.of("web"), Instant.now()));
        assertThat(throttle.nextDueAt()).isEmpty();
    }

    @Test
    void withoutRestartsACrashIsOneNotificationThatPromisesNothing() {
        throttle.accept(new LpmEvent.SettingsChanged(NO_RESTARTS, Instant.now()));
        assertThat(throttle.accept(service("api", ServiceState.CRASHED, 3))).singleElement()
                .extracting(Notification::body).isEqualTo("exited (exit code 3)");
        assertThat(throttle.accept(service("api", ServiceState.CRASHED, 3))).as("still crashed").isEmpty();
        throttle.accept(service("api", ServiceState.RUNNING, null));
        assertThat(throttle.accept(service("api", ServiceState.CRASHED, 1))).hasSize(1);
    }

    @Test
    void eachKindHasItsOwnRateLimitAndTheHeldBackAreCountedInTheNextShown() {
        throttle.accept(new LpmEvent.SettingsChanged(NO_RESTARTS, Instant.now()));
        int limit = NotificationThrottle.RATE_LIMITS.get("crashes");
        for (int i = 0; i < limit; i++) {
            assertThat(throttle.accept(service("svc" + i, ServiceState.CRASHED, 1))).as("crash %d", i).hasSize(1);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(throttle.accept(service("svc-late", ServiceState.CRASHED, 1))).as("over the limit").isEmpty();
        assertThat(throttle.accept(service("svc-later", ServiceState.CRASHED, 1))).as("over the limit").isEmpty();
        // Another kind is not held back by it.
        assertThat(throttle.accept(new LpmEvent.VpnChanged(TUN0, Instant.now()))).hasSize(1);
        throttle.accept(blocked("lpmtest-web"));
        clock.advance(NotificationThrottle.BLOCK_WINDOW);
        assertThat(throttle.flushDue()).hasSize(1);

        clock.advance(NotificationThrottle.RATE_WINDOW); // the first crashes leave the window
        assertThat(throttle.accept(service("svc-next", ServiceState.CRASHED, 1))).singleElement()
                .extracting(Notification::body).asString()
                .endsWith("(2 more notifications of this kind held back in the last minute.)");
        assertThat(throttle.accept(service("svc-after", ServiceState.CRASHED, 1))).singleElement()
                .extracting(Notification::body).isEqualTo("exited (exit code 1)");
    }

    @Test
    void blockBurstsAreRateLimitedToo() {
        int limit = NotificationThrottle.RATE_LIMITS.get("blocks");
        int shown = 0;
        for (int burst = 0; burst < limit + 2; burst++) {
            throttle.accept(blocked("lpmtest-" + burst + "-a"));
            throttle.accept(blocked("lpmtest-" + burst + "-b"));
            clock.advance(NotificationThrottle.BLOCK_WINDOW);
            shown += throttle.flushDue().size();
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(shown).isEqualTo(limit);
    }

    @Test
    void aMutedKindIsNotShownAndTheOthersAre() {
        throttle.accept(new LpmEvent.SettingsChanged(Settings.DEFAULTS.edit(e -> e.mutedNotifications = Set.of("crashes", "vpn")),
                Instant.now()));
        assertThat(throttle.accept(service("api", ServiceState.CRASHED, 1))).isEmpty();
        assertThat(throttle.accept(new LpmEvent.VpnChanged(TUN0, Instant.now()))).isEmpty();
        throttle.accept(blocked("lpmtest-web"));
        clock.advance(NotificationThrottle.BLOCK_WINDOW);
        assertThat(throttle.flushDue()).singleElement().extracting(Notification::title)
                .isEqualTo("Container blocked: lpmtest-web");

        throttle.accept(new LpmEvent.SettingsChanged(Settings.DEFAULTS, Instant.now()));
        assertThat(throttle.accept(new LpmEvent.VpnChanged(VpnStatus.UNKNOWN, Instant.now()))).singleElement()
                .extracting(Notification::title).isEqualTo("VPN down");
    }

    @Test
    void servicesAlreadyCrashedAtStartAreNotAnnounced() {
        NotificationThrottle seeded = new NotificationThrottle(clock, NotificationThrottle.BLOCK_WINDOW, false,
                Settings.DEFAULTS, Map.of(ServiceName.of("api"), ServiceState.CRASHED));
        assertThat(seeded.accept(service("api", ServiceState.CRASHED, 1))).isEmpty();
    }
}
