package dev.lpm.ui.window;

import dev.lpm.core.LpmEvent;
import dev.lpm.ui.FxEvents;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Lines that arrive as events, bounded and filterable, with a "follow" switch for the view: what the
 * access log and a service's log window share. {@code toLine} picks the events that make a line.
 */
abstract class LiveLines implements AutoCloseable {

    private final FilteredLines lines;
    private final BooleanProperty follow = new SimpleBooleanProperty(this, "follow", true);
    private final dev.lpm.events.EventBus.Subscription subscription;

    LiveLines(FxEvents events, int maxLines, Function<LpmEvent, String> toLine) {
        this.lines = new FilteredLines(maxLines);
        this.subscription = events.listen(event -> {
            String line = toLine.apply(event);
            if (line != null) {
                lines.add(line);
            }
        });
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
