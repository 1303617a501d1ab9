package dev.lpm.ui.window;

import dev.lpm.core.BlockEvent;
import dev.lpm.core.Finding;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.ServiceState;
import dev.lpm.core.VpnStatus;
import dev.lpm.events.EventBus;
import dev.lpm.ui.DesktopBackend;
import dev.lpm.ui.FxEvents;
import java.time.Instant;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The at-a-glance state: VPN verdict and why, kill switch, Docker engine, problems, and counts taken
 * from the other ViewModels' lists (so every number on the dashboard matches its tab).
 */
public final class DashboardViewModel implements AutoCloseable {

    private final ObjectProperty<VpnStatus> vpn = new SimpleObjectProperty<>(this, "vpn");
    private final ObjectProperty<Instant> vpnSince = new SimpleObjectProperty<>(this, "vpnSince");
    private final BooleanProperty killSwitch = new SimpleBooleanProperty(this, "killSwitch");
    private final BooleanProperty dockerReachable = new SimpleBooleanProperty(this, "dockerReachable");
    private final StringProperty dockerDetail = new SimpleStringProperty(this, "dockerDetail", "");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final IntegerBinding servicesRunning;
    private final IntegerBinding servicesTotal;
    private final IntegerBinding blockedCount;
    private final StringBinding findingsSummary;
    private final EventBus.Subscription subscription;
    private final DesktopBackend backend;

    public DashboardViewModel(DesktopBackend backend, FxEvents events, ObservableList<ServiceRow> services,
                              ObservableList<BlockEvent> blocked, ObservableList<Finding> findings) {
        this.backend = backend;
        this.subscription = events.listen(this::onEvent);
        vpn.set(backend.vpn());
        vpnSince.set(backend.vpnSince());
        killSwitch.set(backend.settings().killSwitch());
        dockerReachable.set(backend.dockerReachable());
        dockerDetail.set(backend.dockerDetail());
        problems.setAll(backend.problems());
        servicesRunning = Bindings.createIntegerBinding(
                () -> (int) services.stream().filter(row -> row.state() == ServiceState.RUNNING).count(), services);
        servicesTotal = Bindings.size(services);
        blockedCount = Bindings.size(blocked);
        findingsSummary = Bindings.createStringBinding(() -> FindingsViewModel.summary(findings), findings);
    }

    private void onEvent(LpmEvent event) {
        switch (event) {
            case LpmEvent.VpnChanged changed -> {
                vpn.set(changed.status());
                vpnSince.set(changed.at());
            }
            case LpmEvent.SettingsChanged changed -> killSwitch.set(changed.settings().killSwitch());
            case LpmEvent.DockerEngineChanged changed -> {
                dockerReachable.set(changed.reachable());
                dockerDetail.set(changed.detail());
            }
            case LpmEvent.StateFileProblem problem -> problems.add(problem.file() + ": " + problem.problem()
                    + " (what was in it is kept at " + problem.keptAt() + ")");
            // An in-memory read: the backend keeps the firewall facts, the helper is asked elsewhere.
            case LpmEvent.EnforcementChanged changed -> problems.setAll(backend.problems());
            default -> { }
        }
    }

    public ObjectProperty<VpnStatus> vpnProperty() {
        return vpn;
    }

    public ObjectProperty<Instant> vpnSinceProperty() {
        return vpnSince;
    }

    /** The saved kill switch setting; the view's toggle changes it through UiActions. */
    public BooleanProperty killSwitchProperty() {
        return killSwitch;
    }

    public BooleanProperty dockerReachableProperty() {
        return dockerReachable;
    }

    public StringProperty dockerDetailProperty() {
        return dockerDetail;
    }

    public ObservableList<String> problems() {
        return problems;
    }

    public IntegerBinding servicesRunning() {
        return servicesRunning;
    }

    public IntegerBinding servicesTotal() {
        return servicesTotal;
    }

    public IntegerBinding blockedCount() {
        return blockedCount;
    }

    /** "2 critical, 1 high" or "none". */
    public StringBinding findingsSummary() {
        return findingsSummary;
    }

    @Override
    public void close() {
        subscription.close();
    }
}
