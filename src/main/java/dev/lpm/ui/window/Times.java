package dev.lpm.ui.window;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the window writes points in time and short durations. */
final class Times {

    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Times() {}

    static String local(Instant at) {
        return at == null ? "" : LOCAL.format(at);
    }

    /** "240 ms" below two seconds, else "3.4 s": how fast the kill switch acted. */
    static String shortDuration(Duration d) {
        long millis = d.toMillis();
        return millis < 2000 ? millis + " ms" : "%.1f s".formatted(millis / 1000.0);
    }
}
