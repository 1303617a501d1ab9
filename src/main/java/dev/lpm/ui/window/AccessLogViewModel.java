package dev.lpm.ui.window;

import dev.lpm.core.LpmEvent;
import dev.lpm.proxy.AccessLog;
import dev.lpm.ui.FxEvents;
import java.time.ZoneId;
import javafx.beans.property.BooleanProperty;
import java.time.format.DateTimeFormatter;

/**
 * The proxy's requests as they happen, in the access log file's format, bounded and filterable.
 */
public final class AccessLogViewModel extends LiveLines {

    static final int MAX_LINES = 2_000;
    /** Shown while a VPN was active for the request, as in the access log file. */
    static final String LOCK = AccessLog.LOCK;

    private final DateTimeFormatter time;

    public AccessLogViewModel(FxEvents events) {
        this(events, ZoneId.systemDefault(), MAX_LINES);
    }

    AccessLogViewModel(FxEvents events, ZoneId zone, int maxLines) {
        this(events, AccessLog.timeFormat(zone), maxLines);
    }

    private AccessLogViewModel(FxEvents events, DateTimeFormatter time, int maxLines) {
        super(events, maxLines, event -> event instanceof LpmEvent.ProxyRequest request
                ? AccessLog.line(request, time.format(request.at())) : null);
        this.time = time;
    }

    /** {@code [2026-03-05 14:30:00] 🔒 GET /api/data HTTP/1.1 -> api 200 3ms}, like proxy.AccessLog writes. */
    String format(LpmEvent.ProxyRequest r) {
        return AccessLog.line(r, time.format(r.at()));
    }
}
