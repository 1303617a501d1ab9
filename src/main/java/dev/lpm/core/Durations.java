package dev.lpm.core;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A time as people write it: {@code 90}, {@code 90s}, {@code 2m}, {@code 500ms}, {@code 1h} (the CLI and lpm.json alike). */
public final class Durations {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

    private Durations() {}

    /**
     * @throws IllegalArgumentException for anything else, or zero, with a message for the user
     */
    public static Duration parse(String value) {
        Matcher m = FORMAT.matcher(value == null ? "" : value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a time: write e.g. 90s, 2m or 500ms");
        }
        long amount = Long.parseLong(m.group(1));
        Duration duration = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (duration.isZero()) {
            throw new IllegalArgumentException("the time must be longer than zero");
        }
        return duration;
    }
}
