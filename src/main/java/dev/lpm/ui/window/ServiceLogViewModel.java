package dev.lpm.ui.window;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.ServiceName;
import dev.lpm.ui.DesktopBackend;
import dev.lpm.ui.FxEvents;
import javafx.beans.property.BooleanProperty;

/** One service's live output: the recent tail, then every line it prints, bounded and filterable. */
public final class ServiceLogViewModel extends LiveLines {

    /** Lines fetched when the view opens; the service's own buffer may hold more. */
    static final int INITIAL_TAIL = 500;
    static final int MAX_LINES = 5_000;

    private final ServiceName name;

    public ServiceLogViewModel(ServiceName name, DesktopBackend backend, FxEvents events) {
        this(name, backend, events, MAX_LINES);
    }

    ServiceLogViewModel(ServiceName name, DesktopBackend backend, FxEvents events, int maxLines) {
        super(events, maxLines, event ->
                event instanceof LpmEvent.ServiceOutput output && output.name().equals(name) ? output.line() : null);
        this.name = name;
        lines().addAll(backend.tail(name, INITIAL_TAIL));
    }

    public ServiceName name() {
        return name;
    }
}
