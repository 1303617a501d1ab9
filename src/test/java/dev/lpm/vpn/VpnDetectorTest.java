package dev.lpm.vpn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.VpnPatterns;
import dev.lpm.core.VpnStatus;
import dev.lpm.events.EventBus;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The detector's loop with probes the test controls. */
class VpnDetectorTest {

    private static final InterfaceEvidence ETH0 = new InterfaceEvidence("eth0", "", true, false, List.of("192.168.1.2"));
    private static final InterfaceEvidence TUN0 = new InterfaceEvidence("tun0", "", true, true, List.of("10.8.0.2"));

    private final EventBus bus = new EventBus();
    private final List<LpmEvent.VpnChanged> events = new CopyOnWriteArrayList<>();
    private final AtomicReference<List<InterfaceEvidence>> interfaces = new AtomicReference<>(List.of(ETH0));
    private final AtomicReference<List<String>> processes = new AtomicReference<>(List.of());
    private final AtomicInteger interfaceScans = new AtomicInteger();
    private final AtomicInteger processScans = new AtomicInteger();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private VpnDetector detector;

    {
        bus.subscribe(e -> {
            if (e instanceof LpmEvent.VpnChanged c) {
                events.add(c);
            }
        });
    }

    private VpnDetector detector(Duration interfaceInterval, Duration processInterval) {
        InterfaceProbe ip = () -> {
            interfaceScans.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            return interfaces.get();
        };
        // The kernel sends public traffic to tun0 whenever it exists.
        RouteProbe rp = ifs -> new PublicRoute(ifs.contains(TUN0) ? "tun0" : "eth0", null, "kernel route", false);
        ProcessProbe pp = () -> {
            processScans.incrementAndGet();
            return processes.get();
        };
        detector = new VpnDetector(VpnPatterns.DEFAULTS, bus, Clock.systemUTC(), interfaceInterval, processInterval,
                ip, rp, pp);
        return detector;
    }

    @AfterEach
    void close() {
        if (detector != null) {
            detector.close();
        }
    }

    @Test
    void startJudgesAtOncePublishesTheFirstVerdictAndThenOnlyChanges() {
        VpnDetector d = detector(Duration.ofMillis(10), Duration.ofHours(1));
        d.start();
        assertThat(d.current().active()).isFalse();
        assertThat(events).hasSize(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> interfaceScans.get() > 20);
        assertThat(events).as("nothing changed, so no further event").hasSize(1);

        interfaces.set(List.of(ETH0, TUN0));
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);
        VpnStatus active = events.get(1).status();
        assertThat(active.active()).isTrue();
        assertThat(active.reasons()).contains("tun0 is up with 10.8.0.2 and carries the public route (kernel route)");
        assertThat(d.current()).isEqualTo(active);

        interfaces.set(List.of(ETH0));
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 3);
        assertThat(events.get(2).status().active()).isFalse();
        int seen = interfaceScans.get();
        await().atMost(Duration.ofSeconds(5)).until(() -> interfaceScans.get() > seen + 20);
        assertThat(events).hasSize(3);
    }

    @Test
    void detectionRunsOnTheNamedDaemonThreadAndProcessesAreScannedLessOften() {
        VpnDetector d = detector(Duration.ofMillis(5), Duration.ofMillis(300));
        d.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> interfaceScans.get() > 100);
        // A snapshot: the detector keeps appending while the assertion runs.
        List<String> seen = List.copyOf(threads);
        assertThat(seen.subList(1, seen.size())).containsOnly(VpnDetector.THREAD_NAME);
        assertThat(processScans.get()).isBetween(1, interfaceScans.get() / 5);
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals(VpnDetector.THREAD_NAME))
                .allMatch(Thread::isDaemon);
    }

    @Test
    void aProcessAloneChangesOnlyTheHints() {
        VpnDetector d = detector(Duration.ofMillis(10), Duration.ofMillis(20));
        d.start();
        processes.set(List.of("init", "openvpn"));
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);
        VpnStatus s = events.get(1).status();
        assertThat(s.active()).isFalse();
        assertThat(s.processes()).containsExactly("openvpn");
        assertThat(s.hints()).anyMatch(h -> h.contains("openvpn runs"));
    }

    @Test
    void detectNowScansProcessesAndPublishesOnlyOnChange() {
        VpnDetector d = detector(Duration.ofHours(1), Duration.ofHours(1));
        assertThat(d.current()).isEqualTo(VpnStatus.UNKNOWN);
        assertThat(d.detectNow().active()).isFalse();
        assertThat(d.detectNow().active()).isFalse();
        assertThat(events).hasSize(1);
        assertThat(processScans.get()).isEqualTo(2);
        interfaces.set(List.of(ETH0, TUN0));
        assertThat(d.detectNow().active()).isTrue();
        assertThat(events).hasSize(2);
    }

    @Test
    void aFailingInterfaceProbeKeepsTheLastVerdict() {
        AtomicReference<Boolean> fail = new AtomicReference<>(false);
        detector = new VpnDetector(VpnPatterns.DEFAULTS, bus, Clock.systemUTC(), Duration.ofMillis(10), Duration.ofHours(1),
                () -> {
                    interfaceScans.incrementAndGet();
                    if (fail.get()) {
                        throw new IOException("simulated");
                    }
                    return List.of(ETH0, TUN0);
                }, ifs -> new PublicRoute("tun0", null, null, false), List::of);
        detector.start();
        fail.set(true);
        int seen = interfaceScans.get();
        await().atMost(Duration.ofSeconds(5)).until(() -> interfaceScans.get() > seen + 5);
        assertThat(detector.current().active()).isTrue();
        assertThat(events).hasSize(1);
    }
}
