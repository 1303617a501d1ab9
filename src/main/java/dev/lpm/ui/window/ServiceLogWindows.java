package dev.lpm.ui.window;

import dev.lpm.core.ServiceName;
import dev.lpm.ui.DesktopBackend;
import dev.lpm.ui.FxEvents;
import java.util.HashMap;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * One live log window per service: opening a service's logs again brings its window to the front
 * rather than opening a second copy. Closing a window stops its subscription.
 */
public final class ServiceLogWindows {

    private final DesktopBackend backend;
    private final FxEvents events;
    private final Theme theme;
    private final Map<ServiceName, Stage> open = new HashMap<>();

    public ServiceLogWindows(DesktopBackend backend, FxEvents events, Theme theme) {
        this.backend = backend;
        this.events = events;
        this.theme = theme;
    }

    /** Opens (or brings forward) the log window of {@code name}; FX thread only. */
    public Stage show(ServiceName name, Window owner) {
        Stage stage = open.computeIfAbsent(name, n -> create(n, owner));
        stage.show();
        stage.setIconified(false);
        stage.toFront();
        return stage;
    }

    private Stage create(ServiceName name, Window owner) {
        ServiceLogViewModel vm = new ServiceLogViewModel(name, backend, events);
        LogLinesPane pane = new LogLinesPane(vm.lines(), vm.followProperty(), "Filter " + name + "'s output");
        pane.setPadding(new Insets(10));
        Scene scene = new Scene(pane, 820, 520);
        theme.apply(scene);
        Stage stage = new Stage();
        stage.setTitle(name + " \u2014 log \u2014 LocalPortManager");
        stage.setMinWidth(480);
        stage.setMinHeight(280);
        stage.setScene(scene);
        if (owner != null) {
            stage.setX(owner.getX() + 40);
            stage.setY(owner.getY() + 40);
        }
        stage.setOnHidden(e -> {
            vm.close();
            open.remove(name);
        });
        return stage;
    }

    /** Closes every log window (when the app quits). */
    public void closeAll() {
        java.util.List.copyOf(open.values()).forEach(Stage::close);
    }
}
