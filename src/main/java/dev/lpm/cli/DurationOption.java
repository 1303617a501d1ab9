package dev.lpm.cli;

import dev.lpm.core.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** A time on the command line as people write it: {@code 90}, {@code 90s}, {@code 2m}, {@code 500ms}, {@code 1h}. */
final class DurationOption implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
