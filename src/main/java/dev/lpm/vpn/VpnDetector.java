package dev.lpm.vpn;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.VpnPatterns;
import dev.lpm.core.VpnStatus;
import dev.lpm.events.EventBus;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches for a VPN on one daemon thread ({@value #THREAD_NAME}) and publishes
 * {@link LpmEvent.VpnChanged} when the verdict changes, never when it stays the same. Every tick lists
 * the interfaces and asks the kernel for the public route (cheap: no process, no JNA); the process scan
 * (/proc on Linux, OSHI elsewhere) runs at the slower process interval on the same thread.
 */
public final class VpnDetector implements AutoCloseable {

    public static final String THREAD_NAME = "lpm-vpn-detector";
    public static final Duration DEFAULT_INTERFACE_INTERVAL = Duration.ofMillis(250);
    public static final Duration DEFAULT_PROCESS_INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(VpnDetector.class);

    private final VpnRules rules;
    private final EventBus bus;
    private final Clock clock;
    private final Duration interfaceInterval;
    private final Duration processInterval;
    private final InterfaceProbe interfaceProbe;
    private final RouteProbe routeProbe;
    private final ProcessProbe processProbe;

    // Detection runs on the detector thread and in detectNow(); the lock keeps verdicts and events in order.
    private final ReentrantLock lock = new ReentrantLock();
    private List<String> processes = List.of();
    private Instant nextProcessScan = Instant.MIN;
    private boolean probeFailing;
    private Evidence lastEvidence; // unchanged evidence gives the same verdict: skip the rules
    private volatile VpnStatus current = VpnStatus.UNKNOWN;
    private ScheduledExecutorService executor;

    public VpnDetector(VpnPatterns patterns, EventBus bus, Clock clock, Duration interfaceInterval,
                       Duration processInterval) {
        this(patterns, bus, clock, interfaceInterval, processInterval, new JavaInterfaceProbe(), new UdpRouteProbe(),
                LinuxProcessProbe.forThisOs());
    }

    /** With probes of the caller's choice, for tests. */
    public VpnDetector(VpnPatterns patterns, EventBus bus, Clock clock, Duration interfaceInterval,
                       Duration processInterval, InterfaceProbe interfaceProbe, RouteProbe routeProbe,
                       ProcessProbe processProbe) {
        this.rules = new VpnRules(Objects.requireNonNull(patterns));
        this.bus = Objects.requireNonNull(bus);
        this.clock = Objects.requireNonNull(clock);
        this.interfaceInterval = positive(interfaceInterval, "interfaceInterval");
        this.processInterval = positive(processInterval, "processInterval");
        this.interfaceProbe = interfaceProbe;
        this.routeProbe = routeProbe;
        this.processProbe = processProbe;
    }

    /**
     * Judges once on the caller's thread (interfaces and route only, so it is quick and {@link #current()}
     * is meaningful when this returns), publishes that first verdict, then keeps watching in the background.
     * The first process scan runs on the detector thread right away.
     */
    public void start() {
        lock.lock();
        try {
            if (executor != null) {
                throw new IllegalStateException("already started");
            }
            detect(false);
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, THREAD_NAME);
                t.setDaemon(true);
                return t;
            });
            executor.scheduleWithFixedDelay(this::tick, 0, interfaceInterval.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            lock.unlock();
        }
    }

    /** The latest verdict; {@link VpnStatus#UNKNOWN} before the first detection. */
    public VpnStatus current() {
        return current;
    }

    /** Detects now on the caller's thread, with a fresh process scan; publishes if the verdict changed. */
    public VpnStatus detectNow() {
        lock.lock();
        try {
            return detect(true);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService e;
        lock.lock();
        try {
            e = executor;
        } finally {
            lock.unlock();
        }
        if (e != null) {
            e.shutdownNow();
            try {
                e.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void tick() {
        lock.lock();
        try {
            detect(!clock.instant().isBefore(nextProcessScan));
        } catch (RuntimeException e) {
            LOG.warn("VPN detection failed; trying again in {} ms", interfaceInterval.toMillis(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held. */
    private VpnStatus detect(boolean scanProcesses) {
        if (scanProcesses && processProbe != null) {
            try {
                processes = processProbe.processNames();
            } catch (RuntimeException e) {
                LOG.warn("VPN detector: process scan failed, keeping the previous list", e);
            }
            nextProcessScan = clock.instant().plus(processInterval);
        }
        Evidence evidence;
        try {
            List<InterfaceEvidence> interfaces = interfaceProbe.interfaces();
            PublicRoute route = routeProbe.publicRoute(interfaces);
            evidence = new Evidence(interfaces, processes, route);
            if (probeFailing) {
                LOG.info("VPN detector: interfaces can be read again");
                probeFailing = false;
            }
        } catch (IOException e) {
            if (!probeFailing) { // log once per outage, not four times a second
                LOG.warn("VPN detector: cannot read interfaces or route; keeping the last verdict", e);
                probeFailing = true;
            }
            return current;
        }
        if (evidence.equals(lastEvidence)) {
            return current;
        }
        lastEvidence = evidence;
        VpnStatus status = rules.judge(evidence);
        if (!status.equals(current)) {
            current = status;
            bus.publish(new LpmEvent.VpnChanged(status, clock.instant()));
        }
        return status;
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
        return d;
    }
}
