package dev.lpm.ui.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.RestartPolicy;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import dev.lpm.core.ServiceState;
import dev.lpm.core.Settings;
import dev.lpm.events.EventBus;
import dev.lpm.process.Supervisor;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The throttle fed by a real Supervisor running real crashing processes: what the supervisor reports over a
 * whole crash loop (its states and restart counts) is two notifications, the loop's start and its outcome.
 */
class CrashLoopNotificationsTest {

    @TempDir
    Path dir;

    private final List<Notification> shown = new CopyOnWriteArrayList<>();
    private Supervisor supervisor;
    private NotificationThrottle throttle;

    @AfterEach
    void stop() {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    private void start(RestartPolicy policy) {
        Settings settings = Settings.DEFAULTS.edit(e -> {
            e.restartPolicy = policy;
            e.startTimeout = Duration.ofSeconds(15);
            e.stopGrace = Duration.ofSeconds(2);
        });
        throttle = new NotificationThrottle(Clock.systemUTC(), NotificationThrottle.BLOCK_WINDOW, false, settings, Map.of());
        supervisor = new Supervisor(settings, dir, (name, status) -> {
            synchronized (this) {
                shown.addAll(throttle.accept(new LpmEvent.ServiceChanged(new Service(spec(name.value(), "x"), status),
                        Instant.now())));
            }
        }, new EventBus(), Clock.systemUTC());
    }

    private synchronized void flush() {
        shown.addAll(throttle.flushDue());
    }

    private ServiceSpec spec(String name, String command) {
        return new ServiceSpec(ServiceName.of(name), command, port, ServiceFlags.NONE, dir, Map.of(), Instant.now(), false);
    }

    private int port;

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aServiceThatKeepsCrashingIsTheLoopsStartAndThatLpmGaveUp() throws Exception {
        port = freePort();
        start(new RestartPolicy(true, Duration.ofMillis(100), Duration.ofMillis(400), 3, Duration.ofSeconds(60)));
        supervisor.start(spec("lpmtest-flaky", "echo fail; exit 3"));

        await().atMost(Duration.ofSeconds(20)).until(() -> shown.size() >= 2);
        Thread.sleep(1000); // nothing more comes: the supervisor stopped restarting
        assertThat(shown).extracting(Notification::title)
                .containsExactly("Service crashed: lpmtest-flaky", "Service down: lpmtest-flaky");
        assertThat(shown.get(1).body()).startsWith("Crashed 4 times in ").contains("gave up after 3 restarts");
    }

    @Test
    void aServiceThatComesBackIsTheLoopsStartAndRunningAgain() throws Exception {
        port = freePort();
        start(new RestartPolicy(true, Duration.ofMillis(100), Duration.ofMillis(400), 5, Duration.ofSeconds(1)));
        // Fails on its first two runs, then serves.
        String command = "n=$(cat runs 2>/dev/null || echo 0); echo $((n + 1)) > runs; "
                + "if [ \"$n\" -ge 2 ]; then exec python3 -m http.server {port} --bind 127.0.0.1; fi; exit 1";
        supervisor.start(spec("lpmtest-flaky", command));

        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor.isRunning(ServiceName.of("lpmtest-flaky"))
                && throttle.nextDueAt().isPresent());
        assertThat(shown).extracting(Notification::title).containsExactly("Service crashed: lpmtest-flaky");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            flush();
            assertThat(shown).extracting(Notification::title)
                    .containsExactly("Service crashed: lpmtest-flaky", "Service running again: lpmtest-flaky");
        });
        assertThat(shown.get(1).body()).isEqualTo("Up for 1 s after 2 crashes.");
    }
}
