package dev.lpm.docker.killswitch;

import dev.lpm.core.BlockEvent;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.VpnStatus;
import dev.lpm.docker.command.ContainerLabels;
import dev.lpm.docker.engine.ContainerInfo;
import dev.lpm.docker.engine.ContainerRestartPolicy;
import dev.lpm.docker.engine.DockerEngineException;
import dev.lpm.docker.engine.DockerEvent;
import dev.lpm.docker.engine.DockerEventFeed;
import dev.lpm.docker.engine.DockerGateway;
import dev.lpm.docker.engine.PublishedPort;
import dev.lpm.events.EventBus;
import dev.lpm.storage.JsonFile;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kill switch for containers lpm did not start. While a VPN is up (and the kill switch is on) it
 * stops every running container that is reachable from the network ({@link ContainerExposure}),
 * neutralising its restart policy first so it stays stopped, and stops each exposed container that
 * starts later as soon as its start event arrives. When the VPN goes down the blocked containers are
 * offered for {@link #resume}, or resumed by themselves. Nothing is ever deleted.
 *
 * <p>Threads: every decision runs on one daemon thread, {@code lpm-container-guard}, so decisions
 * never race each other; the engine's event stream has its own ({@code lpm-docker-events}, see
 * {@link DockerEventFeed}); the event-bus subscriber only queues work. Publishes
 * {@link LpmEvent.ContainerBlocked}, {@link LpmEvent.ContainerResumed} and
 * {@link LpmEvent.DockerEngineChanged} from the guard thread.
 */
public final class ContainerGuard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerGuard.class);

    private final DockerGateway gateway;
    private final EventBus events;
    private final Clock clock;
    private final GuardConfig config;
    private final BlockedContainers store;
    private final ExecutorService worker;
    private final DockerEventFeed feed;
    private final EventBus.Subscription subscription;
    private volatile Thread workerThread;

    // Touched only on the worker thread.
    private Boolean vpnActive;
    private Instant vpnSince;
    private Boolean reachable;

    // Read from any thread.
    private volatile List<BlockEvent> blockedView = List.of();
    private volatile boolean engineReachable;

    private ContainerGuard(DockerGateway gateway, EventBus events, Clock clock, GuardConfig config,
                           BlockedContainers store, VpnStatus initialVpn) {
        this.gateway = gateway;
        this.events = events;
        this.clock = clock;
        this.config = config;
        this.store = store;
        this.vpnActive = initialVpn == null || initialVpn == VpnStatus.UNKNOWN ? null : initialVpn.active();
        this.blockedView = store.all().stream().map(BlockedContainers.Blocked::event).toList();
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = Thread.ofPlatform().name("lpm-container-guard").daemon().unstarted(r);
            workerThread = t;
            return t;
        });
        this.feed = new DockerEventFeed(gateway, new FeedListener(), config.reconnectMin(), config.reconnectMax());
        this.subscription = events.subscribe(event -> {
            if (event instanceof LpmEvent.VpnChanged changed) {
                submit(() -> onVpnChanged(changed));
            }
        });
    }

    /**
     * Loads the blocked list and starts watching. Never fails because the engine is down: it keeps
     * trying in the background and reports through {@link #engineReachable()}.
     *
     * @param initialVpn the VPN verdict now (e.g. {@code VpnDetector.current()}), so a guard built after
     *                   the detector's first event still acts; {@link VpnStatus#UNKNOWN} waits for an event
     * @throws IOException only when a corrupt state file cannot even be moved aside
     */
    public static ContainerGuard start(DockerGateway gateway, EventBus events, Clock clock, GuardConfig config,
                                       VpnStatus initialVpn) throws IOException {
        JsonFile.Loaded<BlockedContainers> loaded = BlockedContainers.load(config.stateFile());
        if (loaded.wasQuarantined()) {
            JsonFile.Quarantine q = loaded.quarantine();
            LOG.error("{}; starting with no blocked containers", q.message());
            events.publish(new LpmEvent.StateFileProblem(q.file().toString(), q.keptAt().toString(), q.problem(),
                    clock.instant()));
        }
        ContainerGuard guard = new ContainerGuard(gateway, events, clock, config, loaded.value(), initialVpn);
        guard.feed.start();
        return guard;
    }

    /** Whether the engine answered the last time the guard tried; false until the first answer. */
    public boolean engineReachable() {
        return engineReachable;
    }

    /** The containers the kill switch stopped and nobody resumed yet, oldest first. Survives a restart. */
    public List<BlockEvent> blocked() {
        return blockedView;
    }

    /**
     * Restores a blocked container's restart policy and starts it.
     *
     * @return false when the container no longer exists (it is dropped from the list)
     * @throws IllegalArgumentException when the container is not blocked
     * @throws IllegalStateException    while a VPN is up and the kill switch is on: it would be stopped again
     * @throws DockerEngineException    when the engine is unreachable or refuses
     */
    public boolean resume(String containerId) {
        return onWorker(() -> resumeNow(containerId));
    }

    /** Re-evaluates now, e.g. after the kill switch setting changed. */
    public void recheck() {
        submit(this::enforce);
    }

    /** Drops the engine event stream; it reconnects and resumes from the last event (engine restarts do the same). */
    public void reconnectEvents() {
        feed.reconnect();
    }

    @Override
    public void close() {
        subscription.close();
        feed.close();
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    // --- decisions, all on the worker thread ---

    private void onVpnChanged(LpmEvent.VpnChanged changed) {
        vpnActive = changed.status().active();
        vpnSince = changed.at();
        if (vpnActive) {
            blockExposed();
        } else {
            resumeAllIfWanted();
        }
    }

    /** After a (re)connection, or on request: whatever happened meanwhile, make it right now. */
    private void enforce() {
        if (Boolean.TRUE.equals(vpnActive)) {
            blockExposed();
        } else if (Boolean.FALSE.equals(vpnActive)) {
            resumeAllIfWanted();
        }
    }

    private boolean guarding() {
        return Boolean.TRUE.equals(vpnActive) && config.killSwitchEnabled().getAsBoolean();
    }

    /** Stops every exposed running container; each one's exposure counts from the VPN coming up or its start, whichever is later. */
    private void blockExposed() {
        if (!guarding()) {
            return;
        }
        try {
            List<ContainerInfo> running = gateway.runningContainers();
            Function<String, Optional<ContainerInfo>> lookup = lookupIn(running);
            for (ContainerInfo c : running) {
                ContainerExposure.reason(c, lookup).ifPresent(reason -> block(c, reason, exposedSince(c)));
            }
        } catch (DockerEngineException e) {
            engineFailed("scanning running containers", e);
        }
    }

    private Instant exposedSince(ContainerInfo c) {
        Instant since = vpnSince == null ? clock.instant() : vpnSince;
        return c.startedAt() != null && c.startedAt().isAfter(since) ? c.startedAt() : since;
    }

    private void onDockerEvent(DockerEvent event) {
        if (!guarding() || (event.kind() != DockerEvent.Kind.START && event.kind() != DockerEvent.Kind.NETWORK_CONNECT)) {
            return;
        }
        try {
            Optional<ContainerInfo> container = gateway.inspect(event.containerId()).filter(ContainerInfo::running);
            if (container.isEmpty()) {
                return; // replayed after a reconnect, or already stopped again
            }
            ContainerInfo c = container.get();
            ContainerExposure.reason(c, gateway::inspect).ifPresent(reason -> block(c, reason, event.time()));
        } catch (DockerEngineException e) {
            engineFailed("checking container " + event.containerId(), e);
        }
    }

    private void block(ContainerInfo c, String reason, Instant trigger) {
        if (!config.scope().test(c)) {
            return;
        }
        if (c.bypassesKillSwitch()) {
            LOG.info("kill switch: leaving {} running although it {} (label {}={})", c.name(), reason,
                    ContainerLabels.KILL_SWITCH, ContainerLabels.BYPASS);
            return;
        }
        // A container blocked before and started again has policy "no" by now: keep the original one.
        ContainerRestartPolicy previous = store.get(c.id()).map(BlockedContainers.Blocked::previousRestartPolicy)
                .orElse(c.restartPolicy());
        List<String> ports = c.ports().stream().map(PublishedPort::toString).toList();
        try {
            if (!c.restartPolicy().isNo()) {
                // Written before the policy changes, so a crash right after cannot lose the old policy.
                save(new BlockedContainers.Blocked(new BlockEvent(c.id(), c.name(), c.image(), ports, reason, trigger,
                        Duration.ZERO), previous));
                gateway.setRestartPolicy(c.id(), ContainerRestartPolicy.NO);
            }
            gateway.stop(c.id(), config.stopTimeout());
        } catch (DockerEngineException.NoSuchContainer gone) {
            forget(c.id());
            return;
        } catch (DockerEngineException e) {
            engineFailed("stopping " + c.name(), e);
            return;
        }
        Instant stopped = clock.instant();
        Duration within = trigger.isAfter(stopped) ? Duration.ZERO : Duration.between(trigger, stopped);
        BlockEvent block = new BlockEvent(c.id(), c.name(), c.image(), ports, reason, stopped, within);
        save(new BlockedContainers.Blocked(block, previous));
        LOG.warn("kill switch: stopped {} ({}) because it {}; it was reachable for {} ms after {}", c.name(),
                shortId(c.id()), reason, within.toMillis(), trigger);
        events.publish(new LpmEvent.ContainerBlocked(block, stopped));
    }

    private void resumeAllIfWanted() {
        if (!config.resumeAutomatically().getAsBoolean() || store.all().isEmpty()) {
            return;
        }
        // Two rounds: a container sharing another's network can start only once that one runs.
        for (int round = 0; round < 2; round++) {
            for (BlockedContainers.Blocked b : store.all()) {
                try {
                    resumeNow(b.event().containerId());
                } catch (DockerEngineException e) {
                    if (round == 1 || e.unreachable()) {
                        engineFailed("resuming " + b.event().name(), e);
                    }
                    if (e.unreachable()) {
                        return; // the next connection retries
                    }
                }
            }
        }
    }

    private boolean resumeNow(String containerId) {
        BlockedContainers.Blocked b = store.get(containerId)
                .orElseThrow(() -> new IllegalArgumentException("container " + containerId + " is not blocked"));
        if (guarding()) {
            throw new IllegalStateException("a VPN is up and the kill switch is on: " + b.event().name()
                    + " would be stopped again at once");
        }
        try {
            if (!b.previousRestartPolicy().isNo()) {
                gateway.setRestartPolicy(containerId, b.previousRestartPolicy());
            }
            gateway.start(containerId);
        } catch (DockerEngineException.NoSuchContainer gone) {
            LOG.info("kill switch: {} was removed while blocked; forgetting it", b.event().name());
            forget(containerId);
            return false;
        }
        forget(containerId);
        LOG.info("kill switch: resumed {} with restart policy {}", b.event().name(), b.previousRestartPolicy());
        events.publish(new LpmEvent.ContainerResumed(containerId, b.event().name(), clock.instant()));
        return true;
    }

    private void save(BlockedContainers.Blocked blocked) {
        try {
            store.put(blocked);
        } catch (IOException e) {
            // Blocking matters more than remembering: carry on, but say what will be missing after a restart.
            LOG.error("could not save {}: {} stays blocked but will not be offered for resume after a restart",
                    store.path(), blocked.event().name(), e);
        }
        blockedView = store.all().stream().map(BlockedContainers.Blocked::event).toList();
    }

    private void forget(String containerId) {
        try {
            store.remove(containerId);
        } catch (IOException e) {
            LOG.error("could not save {}", store.path(), e);
        }
        blockedView = store.all().stream().map(BlockedContainers.Blocked::event).toList();
    }

    private void engineFailed(String what, DockerEngineException e) {
        LOG.warn("kill switch: {} failed: {}", what, e.getMessage());
        if (e.unreachable()) {
            // The stream may look open while calls fail; a fresh connection re-runs enforce().
            feed.reconnect();
        }
    }

    private void setReachable(boolean now, String detail) {
        engineReachable = now;
        if (reachable == null || reachable != now) {
            reachable = now;
            if (now) {
                LOG.info("Docker engine {} reachable at {}", detail, gateway.dockerHost());
            } else {
                LOG.warn("Docker engine unreachable, retrying in the background: {}", detail);
            }
            events.publish(new LpmEvent.DockerEngineChanged(now, detail, clock.instant()));
        }
    }

    private static Function<String, Optional<ContainerInfo>> lookupIn(List<ContainerInfo> running) {
        Map<String, ContainerInfo> cache = new HashMap<>();
        return idOrName -> {
            ContainerInfo hit = cache.get(idOrName);
            if (hit == null) {
                hit = running.stream().filter(c -> c.isCalled(idOrName)).findFirst().orElse(null);
            }
            if (hit != null) {
                cache.put(idOrName, hit);
            }
            return Optional.ofNullable(hit);
        };
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    // --- plumbing ---

    private void submit(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("container guard task failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closed: nothing more to guard
        }
    }

    private <T> T onWorker(java.util.concurrent.Callable<T> task) {
        if (Thread.currentThread() == workerThread) {
            try {
                return task.call(); // from a subscriber of our own events: queueing would deadlock
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Future<T> result = worker.submit(task);
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the container guard", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private final class FeedListener implements DockerEventFeed.Listener {
        @Override
        public void connected(String engineVersion) {
            submit(() -> {
                setReachable(true, engineVersion);
                enforce();
            });
        }

        @Override
        public void disconnected(String reason) {
            submit(() -> setReachable(false, reason));
        }

        @Override
        public void event(DockerEvent event) {
            submit(() -> onDockerEvent(event));
        }
    }
}
