package dev.lpm.app;

import dev.lpm.audit.AuditWatcher;
import dev.lpm.core.BlockEvent;
import dev.lpm.core.LpmEvent;
import dev.lpm.config.LiveSettings;
import dev.lpm.core.VpnStatus;
import dev.lpm.docker.killswitch.ContainerGuard;
import dev.lpm.docker.engine.DockerGateway;
import dev.lpm.docker.killswitch.GuardConfig;
import dev.lpm.events.EventBus;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's Docker side: the container guard (kill switch for containers lpm did not start) and
 * the audit of running containers. Both are optional: without an engine the daemon runs, the guard
 * keeps trying in the background, and the audit starts once the engine answers.
 */
final class DockerSecurity implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DockerSecurity.class);

    private final DockerGateway gateway;
    private final BooleanSupplier vpnActive;
    private final EventBus events;
    private final Clock clock;
    private volatile ContainerGuard guard;
    private AuditWatcher audit;
    private volatile boolean engineReachable;
    private volatile String engineVersion;
    private volatile String engineDetail = "not asked yet";

    private DockerSecurity(DockerGateway gateway, BooleanSupplier vpnActive, EventBus events, Clock clock) {
        this.gateway = gateway;
        this.vpnActive = vpnActive;
        this.events = events;
        this.clock = clock;
    }

    /** {@code engine}: the instance's one engine client; the instance closes it after this. */
    static DockerSecurity start(DockerGateway engine, Path stateFile, LiveSettings settings, VpnStatus vpnNow, BooleanSupplier vpnActive,
                                EventBus events, Clock clock) throws java.io.IOException {
        DockerSecurity docker = new DockerSecurity(engine, vpnActive, events, clock);
        // Subscribed before the guard starts, so its first DockerEngineChanged is seen.
        events.subscribe(event -> {
            if (event instanceof LpmEvent.DockerEngineChanged changed) {
                docker.engineVersion = changed.reachable() ? changed.detail() : null;
                docker.engineDetail = changed.detail();
                docker.engineChanged(changed.reachable());
            } else if (event instanceof LpmEvent.SettingsChanged) {
                // The kill switch may have been turned on while a VPN is up: enforce at once.
                ContainerGuard g = docker.guard;
                if (g != null) {
                    g.recheck();
                }
            }
        });
        docker.guard = ContainerGuard.start(docker.gateway, events, clock,
                GuardConfig.of(stateFile, settings::killSwitch, settings::resumeContainers), vpnNow);
        return docker;
    }

    /** The engine's version when it answers, else why it could not be reached. */
    String engineDetail() {
        return engineDetail;
    }

    boolean engineReachable() {
        return engineReachable;
    }

    /**
     * Starts a blocked container again.
     *
     * @throws IllegalStateException while a VPN is up and the kill switch is on, or when the container is gone
     */
    void resume(String containerId) {
        ContainerGuard g = guard;
        if (g == null) {
            throw new IllegalStateException("the container guard is not running");
        }
        if (!g.resume(containerId)) {
            throw new IllegalStateException("container " + containerId + " no longer exists; it was removed from the list");
        }
    }

    List<BlockEvent> blocked() {
        ContainerGuard g = guard;
        return g == null ? List.of() : g.blocked();
    }

    /** The engine's version while it answers ("20.10.24+dfsg1"), else null. */
    String engineVersion() {
        return engineVersion;
    }

    /** (Re)starts the audit when the engine answers: its event stream ends when the engine goes away. */
    private synchronized void engineChanged(boolean reachable) {
        engineReachable = reachable;
        if (!reachable) {
            return;
        }
        stopAudit();
        try {
            audit = new AuditWatcher(gateway, vpnActive, events, clock).start();
        } catch (RuntimeException e) {
            LOG.warn("container audit not running: {}", e.getMessage());
            stopAudit();
        }
    }

    private void stopAudit() {
        if (audit != null) {
            audit.close();
            audit = null;
        }
    }

    @Override
    public synchronized void close() {
        stopAudit();
        if (guard != null) {
            guard.close();
        }
    }
}
