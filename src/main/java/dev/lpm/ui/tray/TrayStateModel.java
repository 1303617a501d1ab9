package dev.lpm.ui.tray;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceState;
import dev.lpm.core.VpnStatus;
import dev.lpm.events.EventBus;
import dev.lpm.ui.DesktopBackend;
import dev.lpm.ui.FxEvents;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The tray's ViewModel: starts from the backend's current values, then follows the event stream and
 * tells its listeners when the {@link TrayStatus} changes. Runs on the UI thread (events arrive there
 * through {@link FxEvents}); needs no toolkit, so tests drive it with a direct executor.
 */
public final class TrayStateModel implements AutoCloseable {

    private final DesktopBackend backend;
    private final Map<ServiceName, ServiceState> services = new LinkedHashMap<>();
    private final Set<String> blockedIds = new LinkedHashSet<>();
    private final List<Consumer<? super TrayStatus>> listeners = new CopyOnWriteArrayList<>();
    private final EventBus.Subscription subscription;
    private VpnStatus vpn;
    private boolean killSwitch;
    private boolean dockerReachable;
    private TrayStatus current;

    public TrayStateModel(DesktopBackend backend, FxEvents events) {
        this.backend = backend;
        backend.services().forEach(s -> services.put(s.name(), s.state()));
        backend.blockedContainers().forEach(b -> blockedIds.add(b.containerId()));
        vpn = backend.vpn();
        killSwitch = backend.settings().killSwitch();
        dockerReachable = backend.dockerReachable();
        current = compute();
        subscription = events.listen(this::on);
    }

    public TrayStatus current() {
        return current;
    }

    /** Calls {@code listener} on the UI thread whenever the status changes; close the handle to stop. */
    public EventBus.Subscription onChange(Consumer<? super TrayStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void on(LpmEvent event) {
        switch (event) {
            case LpmEvent.ServiceChanged e -> services.put(e.service().name(), e.service().state());
            case LpmEvent.ServiceRemoved e -> services.remove(e.name());
            case LpmEvent.VpnChanged e -> vpn = e.status();
            case LpmEvent.SettingsChanged e -> killSwitch = e.settings().killSwitch();
            case LpmEvent.ContainerBlocked e -> blockedIds.add(e.block().containerId());
            case LpmEvent.ContainerResumed e -> blockedIds.remove(e.containerId());
            case LpmEvent.DockerEngineChanged e -> dockerReachable = e.reachable();
            case LpmEvent.StateFileProblem e -> { } // only problems() changes; re-read below
            case LpmEvent.EnforcementChanged e -> { } // likewise
            default -> {
                return; // output lines, proxy requests, findings: nothing the tray shows
            }
        }
        TrayStatus next = compute();
        if (!next.equals(current)) {
            current = next;
            listeners.forEach(l -> l.accept(next));
        }
    }

    /** problems() has no event of its own for every kind (no Docker API guard), so it is read on each change. */
    private TrayStatus compute() {
        int running = (int) services.values().stream().filter(s -> s == ServiceState.RUNNING).count();
        int crashed = (int) services.values().stream().filter(s -> s == ServiceState.CRASHED).count();
        return TrayStatus.of(new TrayStatus.Inputs(running, crashed, vpn, killSwitch, blockedIds.size(),
                dockerReachable, backend.problems()));
    }

    @Override
    public void close() {
        subscription.close();
        listeners.clear();
    }
}
