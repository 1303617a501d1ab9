package dev.lpm.ui.window;

import dev.lpm.core.LpmEvent;
import dev.lpm.proxy.AccessLog;
import dev.lpm.events.EventBus;
import dev.lpm.ui.FxEvents;
import java.time.ZoneId;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import java.time.format.DateTimeFormatter;

/**
 * The proxy's requests as they happen, in the access log file's format, bounded and filterable.
 */
public final class AccessLogViewModel implements AutoCloseable {

    static final int MAX_LINES = 2_000;
    /** Shown while a VPN was active for the request, as in the access log file. */
    static final String LOCK = AccessLog.LOCK;

    private final DateTimeFormatter time;
    private final FilteredLines lines;
    private final BooleanProperty follow = new SimpleBooleanProperty(this, "follow", true);
    private final EventBus.Subscription subscription;

    public AccessLogViewModel(FxEvents events) {
        this(events, ZoneId.systemDefault(), MAX_LINES);
    }

    AccessLogViewModel(FxEvents events, ZoneId zone, int maxLines) {
        this.time = AccessLog.timeFormat(zone);
        this.lines = new FilteredLines(maxLines);
        this.subscription = events.listen(event -> {
            if (event instanceof LpmEvent.ProxyRequest request) {
                lines.add(format(request));
            }
        });
    }

    /** {@code [2026-03-05 14:30:00] 🔒 GET /api/data HTTP/1.1 -> api 200 3ms}, like proxy.AccessLog writes. */
    String format(LpmEvent.ProxyRequest r) {
        return AccessLog.line(r, time.format(r.at()));
    }

    public FilteredLines lines() {
        return lines;
    }

    /** Whether the view scrolls to each new request. */
    public BooleanProperty followProperty() {
        return follow;
    }

    @Override
    public void close() {
        subscription.close();
    }
}
