package dev.lpm.ui.window;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.ServiceName;
import dev.lpm.events.EventBus;
import dev.lpm.ui.DesktopBackend;
import dev.lpm.ui.FxEvents;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** One service's live output: the recent tail, then every line it prints, bounded and filterable. */
public final class ServiceLogViewModel implements AutoCloseable {

    /** Lines fetched when the view opens; the service's own buffer may hold more. */
    static final int INITIAL_TAIL = 500;
    static final int MAX_LINES = 5_000;

    private final ServiceName name;
    private final FilteredLines lines;
    private final BooleanProperty follow = new SimpleBooleanProperty(this, "follow", true);
    private final EventBus.Subscription subscription;

    public ServiceLogViewModel(ServiceName name, DesktopBackend backend, FxEvents events) {
        this(name, backend, events, MAX_LINES);
    }

    ServiceLogViewModel(ServiceName name, DesktopBackend backend, FxEvents events, int maxLines) {
        this.name = name;
        this.lines = new FilteredLines(maxLines);
        this.subscription = events.listen(event -> {
            if (event instanceof LpmEvent.ServiceOutput output && output.name().equals(name)) {
                lines.add(output.line());
            }
        });
        lines.addAll(backend.tail(name, INITIAL_TAIL));
    }

    public ServiceName name() {
        return name;
    }

    public FilteredLines lines() {
        return lines;
    }

    /** Whether the view scrolls to each new line. */
    public BooleanProperty followProperty() {
        return follow;
    }

    @Override
    public void close() {
        subscription.close();
    }
}
