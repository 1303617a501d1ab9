package dev.lpm.ui.notify;

import dev.lpm.testsupport.PrivateSessionBus;
import dev.lpm.testsupport.RecordingNotificationServer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.ServiceState;
import dev.lpm.ui.FakeDesktopBackend;
import dev.lpm.ui.FxEvents;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Notifications end to end over a real D-Bus: a private dbus-daemon, a recording server owning
 * org.freedesktop.Notifications on it, and the fake backend publishing lpm's events.
 */
class FreedesktopNotificationsOnPrivateBusTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    final FakeDesktopBackend backend = new FakeDesktopBackend();

    @Test
    void aBlockedContainerBecomesACriticalNotifyCall() throws Exception {
        try (PrivateSessionBus bus = PrivateSessionBus.start();
             RecordingNotificationServer server = new RecordingNotificationServer(bus.address);
             FxEvents events = new FxEvents(backend.bus, Runnable::run);
             Notifications notifications = Notifications.start(backend, events,
                     List.of(new FreedesktopNotifier(bus.address)), Clock.systemUTC(), Duration.ofMillis(300))) {
            backend.publish(NotificationThrottleTest.blocked("lpmtest-web"));
            awaitCalls(server, 1);
            RecordingNotificationServer.Call call = server.calls.getFirst();
            assertThat(call.summary()).isEqualTo("Container blocked: lpmtest-web");
            assertThat(call.body()).contains("publishes 0.0.0.0:8080->80/tcp");
            assertThat(call.appName()).isEqualTo("LocalPortManager");
            assertThat(call.urgency()).isEqualTo((byte) 2);
            assertThat(Path.of(URI.create(call.appIcon()))).isRegularFile();

            backend.setVpn(NotificationThrottleTest.TUN0);
            awaitCalls(server, 2);
            assertThat(server.calls.get(1).summary()).isEqualTo("VPN active (tun0)");
            assertThat(server.calls.get(1).urgency()).isEqualTo((byte) 1);
            notifications.close();
            assertThat(Files.exists(Path.of(URI.create(call.appIcon())))).as("icon file removed on close").isFalse();
        }
    }

    @Test
    void tenBlocksInABurstAreOneNotifyCallSayingTen() throws Exception {
        try (PrivateSessionBus bus = PrivateSessionBus.start();
             RecordingNotificationServer server = new RecordingNotificationServer(bus.address);
             FxEvents events = new FxEvents(backend.bus, Runnable::run);
             Notifications notifications = Notifications.start(backend, events,
                     List.of(new FreedesktopNotifier(bus.address)), Clock.systemUTC(),
                     NotificationThrottle.BLOCK_WINDOW)) {
            // Ten blocks 50 ms apart: a burst that spans half a second, as a guard stopping containers makes it.
            AtomicInteger published = new AtomicInteger();
            ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
            try {
                pace.scheduleAtFixedRate(() -> {
                    int i = published.get();
                    if (i < 10) {
                        backend.publish(NotificationThrottleTest.blocked("lpmtest-web-" + i));
                        published.incrementAndGet();
                    }
                }, 0, 50, TimeUnit.MILLISECONDS);
                org.awaitility.Awaitility.await("ten blocks published").atMost(WAIT).until(() -> published.get() == 10);
            } finally {
                pace.shutdownNow();
            }
            awaitCalls(server, 1);
            // a second call would come within the coalescing window
            org.awaitility.Awaitility.await("no second Notify").during(NotificationThrottle.BLOCK_WINDOW)
                    .atMost(NotificationThrottle.BLOCK_WINDOW.plusSeconds(3)).until(() -> server.calls.size() == 1);
            assertThat(server.calls).singleElement().satisfies(call -> {
                assertThat(call.summary()).isEqualTo("10 containers blocked");
                assertThat(call.body()).contains("lpmtest-web-0").contains("and 7 more");
            });
        }
    }

    /**
     * A crash loop as the supervisor reports it is two Notify calls (its start, then that it gave up); a loop
     * that recovers ends with "running again" once it was up for stableAfter, sent from the notification
     * thread's timer; a muted kind sends nothing while the others still do.
     */
    @Test
    void aCrashLoopIsTwoNotifyCallsAndAMutedKindNone() throws Exception {
        backend.updateSettings(s -> s.edit(e -> e.restartPolicy = new dev.lpm.core.RestartPolicy(true,
                Duration.ofMillis(100), Duration.ofSeconds(1), 3, Duration.ofSeconds(1))));
        try (PrivateSessionBus bus = PrivateSessionBus.start();
             RecordingNotificationServer server = new RecordingNotificationServer(bus.address);
             FxEvents events = new FxEvents(backend.bus, Runnable::run);
             Notifications notifications = Notifications.start(backend, events,
                     List.of(new FreedesktopNotifier(bus.address)), Clock.systemUTC(), Duration.ofMillis(300))) {
            backend.publish(NotificationThrottleTest.service("lpmtest-api", ServiceState.CRASHED, 1, 0));
            for (int restart = 1; restart <= 3; restart++) {
                backend.publish(NotificationThrottleTest.service("lpmtest-api", ServiceState.STARTING, null, restart));
                backend.publish(NotificationThrottleTest.service("lpmtest-api", ServiceState.CRASHED, 1, restart));
            }
            awaitCalls(server, 2);
            org.awaitility.Awaitility.await("no third Notify for the loop").during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(5)).until(() -> server.calls.size() == 2);
            assertThat(server.calls).extracting(RecordingNotificationServer.Call::summary)
                    .containsExactly("Service crashed: lpmtest-api", "Service down: lpmtest-api");
            assertThat(server.calls.get(1).body()).startsWith("Crashed 4 times in ");

            backend.publish(NotificationThrottleTest.service("lpmtest-web", ServiceState.CRASHED, 1, 0));
            backend.publish(NotificationThrottleTest.service("lpmtest-web", ServiceState.STARTING, null, 1));
            backend.publish(NotificationThrottleTest.service("lpmtest-web", ServiceState.RUNNING, null, 1));
            awaitCalls(server, 4);
            assertThat(server.calls.subList(2, 4)).extracting(RecordingNotificationServer.Call::summary)
                    .containsExactly("Service crashed: lpmtest-web", "Service running again: lpmtest-web");

            backend.updateSettings(s -> s.edit(e -> e.mutedNotifications = java.util.Set.of("crashes")));
            backend.publish(NotificationThrottleTest.service("lpmtest-db", ServiceState.CRASHED, 1, 0));
            backend.publish(NotificationThrottleTest.blocked("lpmtest-cache"));
            awaitCalls(server, 5);
            org.awaitility.Awaitility.await("nothing for the muted crash").during(Duration.ofMillis(1000))
                    .atMost(Duration.ofSeconds(5)).until(() -> server.calls.size() == 5);
            assertThat(server.calls.get(4).summary()).isEqualTo("Container blocked: lpmtest-cache");
        }
    }

    /** Without a notification server on the bus, the next notifier shows it and nothing is thrown. */
    @Test
    void fallsBackWhenNoServerOwnsTheName() throws Exception {
        List<Notification> fallback = new CopyOnWriteArrayList<>();
        DesktopNotifier recording = new DesktopNotifier() {
            @Override
            public String name() {
                return "lpmtest-recording";
            }

            @Override
            public boolean show(Notification notification) {
                return fallback.add(notification);
            }
        };
        try (PrivateSessionBus bus = PrivateSessionBus.start();
             FxEvents events = new FxEvents(backend.bus, Runnable::run);
             Notifications notifications = Notifications.start(backend, events,
                     List.of(new FreedesktopNotifier(bus.address), recording), Clock.systemUTC(),
                     Duration.ofMillis(100))) {
            backend.publish(NotificationThrottleTest.blocked("lpmtest-web"));
            backend.publish(new LpmEvent.VpnChanged(NotificationThrottleTest.TUN0, java.time.Instant.now()));
            org.awaitility.Awaitility.await("two fallback notifications").atMost(WAIT).until(() -> fallback.size() >= 2);
            assertThat(fallback).extracting(Notification::title).containsExactlyInAnyOrder("VPN active (tun0)",
                    "Container blocked: lpmtest-web");
        }
    }

    static void awaitCalls(RecordingNotificationServer server, int count) {
        server.awaitCalls(count, WAIT);
    }
}
