package dev.lpm.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** A time on the command line as people write it: {@code 90}, {@code 90s}, {@code 2m}, {@code 500ms}, {@code 1h}. */
final class DurationOption implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        Matcher m = FORMAT.matcher(value.strip());
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a time: write e.g. 90s, 2m or 500ms");
        }
        long amount = Long.parseLong(m.group(1));
        Duration duration = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (duration.isZero()) {
            throw new CommandLine.TypeConversionException("the time must be longer than zero");
        }
        return duration;
    }
}
