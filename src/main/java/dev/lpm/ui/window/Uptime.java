package dev.lpm.ui.window;

import java.time.Duration;

/** How long something has been running, in the compact form a table column has room for. */
public final class Uptime {

    private Uptime() {}

    /** "42s", "3m 07s", "2h 05m", "3d 04h"; a negative duration (clock skew) counts as zero. */
    public static String format(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            return "%dd %02dh".formatted(days, hours);
        }
        if (hours > 0) {
            return "%dh %02dm".formatted(hours, minutes);
        }
        if (minutes > 0) {
            return "%dm %02ds".formatted(minutes, secs);
        }
        return secs + "s";
    }
}
