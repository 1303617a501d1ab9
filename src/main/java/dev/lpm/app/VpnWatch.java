package dev.lpm.app;

import dev.lpm.control.EnforcementView;
import dev.lpm.control.SecuritySource;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.VpnStatus;
import dev.lpm.events.EventBus;
import dev.lpm.vpn.VpnDetector;
import java.time.Instant;

/** Remembers when the detector's verdict last changed, from the event stream. */
final class VpnWatch implements SecuritySource {

    private final VpnDetector detector;
    private volatile Instant since;
    private volatile DockerSecurity docker;
    private volatile Enforcement enforcement;

    VpnWatch(VpnDetector detector, EventBus events, Instant startedAt) {
        this.detector = detector;
        this.since = startedAt;
        events.subscribe(event -> {
            if (event instanceof LpmEvent.VpnChanged changed) {
                since = changed.at();
            }
        });
    }

    @Override
    public VpnStatus vpn() {
        return detector.current();
    }

    @Override
    public Instant vpnSince() {
        return since;
    }

    void watchDocker(DockerSecurity docker) {
        this.docker = docker;
    }

    @Override
    public java.util.List<dev.lpm.core.BlockEvent> blockedContainers() {
        DockerSecurity d = docker;
        return d == null ? java.util.List.of() : d.blocked();
    }

    void watchEnforcement(Enforcement enforcement) {
        this.enforcement = enforcement;
    }

    @Override
    public EnforcementView enforcement() {
        return enforcement.view();
    }

    @Override
    public boolean dockerReachable() {
        DockerSecurity d = docker;
        return d != null && d.engineReachable();
    }

    /** For the access log's lock marker: a plain volatile read on the proxy's hot path. */
    boolean active() {
        return detector.current().active();
    }
}
