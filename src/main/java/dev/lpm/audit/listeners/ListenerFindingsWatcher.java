package dev.lpm.audit.listeners;

import dev.lpm.core.Finding;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.Service;
import dev.lpm.events.EventBus;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps the audit's findings about services current: publishes {@link LpmEvent.FindingsChanged} for a
 * service (subject {@code service NAME}) when its {@link ListenerFinding} appears, changes (the VPN went up
 * or down) or goes (it binds loopback now, stopped, or was unregistered). Works inside the event
 * subscription: judging is string work, and each change is published once.
 */
public final class ListenerFindingsWatcher implements AutoCloseable {

    private final EventBus events;
    private final Supplier<List<Service>> services;
    private final Clock clock;
    /** What was published last per subject; guarded by this. */
    private final Map<String, List<Finding>> published = new HashMap<>();
    private final EventBus.Subscription subscription;
    private boolean vpnActive;

    /**
     * Subscribes, then judges what already runs. {@code vpnActive} is the VPN verdict now; VpnChanged
     * events keep it current.
     */
    public ListenerFindingsWatcher(EventBus events, Supplier<List<Service>> services, boolean vpnActive,
                                   Clock clock) {
        this.events = events;
        this.services = services;
        this.clock = clock;
        this.vpnActive = vpnActive;
        this.subscription = events.subscribe(this::onEvent);
        services.get().forEach(this::judge);
    }

    private void onEvent(LpmEvent event) {
        switch (event) {
            case LpmEvent.ServiceChanged changed -> judge(changed.service());
            case LpmEvent.ServiceRemoved removed -> publish(Finding.service(removed.name().value()), List.of());
            case LpmEvent.VpnChanged changed -> vpnChanged(changed.status().active());
            default -> { }
        }
    }

    private synchronized void vpnChanged(boolean active) {
        vpnActive = active;
        services.get().forEach(this::judge);
    }

    private synchronized void judge(Service service) {
        Optional<Finding> finding = ListenerFinding.check(service.name().value(), service.spec().command(),
                service.spec().port(), service.status().exposure(), vpnActive);
        publish(Finding.service(service.name().value()), finding.stream().toList());
    }

    private synchronized void publish(String subject, List<Finding> findings) {
        if (findings.equals(published.getOrDefault(subject, List.of()))) {
            return;
        }
        if (findings.isEmpty()) {
            published.remove(subject);
        } else {
            published.put(subject, findings);
        }
        events.publish(new LpmEvent.FindingsChanged(subject, findings, clock.instant()));
    }

    @Override
    public void close() {
        subscription.close();
    }
}
