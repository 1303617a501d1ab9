package dev.lpm.ui.tray;

import java.util.Objects;
import java.util.Optional;

/**
 * Something the desktop may not offer (a tray): the thing, or the reason it is not there, in words a
 * user can act on.
 */
public record Availability<T>(Optional<T> value, String reason) {

    public Availability {
        Objects.requireNonNull(value, "value");
        reason = reason == null ? "" : reason;
    }

    public static <T> Availability<T> of(T value) {
        return new Availability<>(Optional.of(value), "");
    }

    public static <T> Availability<T> none(String reason) {
        return new Availability<>(Optional.empty(), reason);
    }

    public boolean isAvailable() {
        return value.isPresent();
    }
}
