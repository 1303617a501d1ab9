package dev.lpm.core;

import java.time.Duration;

/**
 * How crashed services come back: exponential backoff from {@code initialDelay}, doubling up to
 * {@code maxDelay}, at most {@code maxRestarts} times in a row. A service that stayed up for
 * {@code stableAfter} starts counting from zero again.
 */
public record RestartPolicy(boolean enabled, Duration initialDelay, Duration maxDelay, int maxRestarts,
                            Duration stableAfter) {

    public static final RestartPolicy DEFAULT =
            new RestartPolicy(true, Duration.ofSeconds(1), Duration.ofSeconds(30), 5, Duration.ofSeconds(60));

    public RestartPolicy {
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || maxRestarts < 0) {
            throw new IllegalArgumentException("invalid restart policy: need 0 <= initialDelay <= maxDelay and maxRestarts >= 0");
        }
    }

    /** Whether another automatic restart is allowed after {@code restartsSoFar} of them. */
    public boolean allowsRestart(int restartsSoFar) {
        return enabled && restartsSoFar < maxRestarts;
    }

    /** Delay before restart number {@code attempt} (1-based): initial * 2^(attempt-1), capped. */
    public Duration delayBefore(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is 1-based: " + attempt);
        }
        int shift = Math.min(attempt - 1, 30);
        long millis = initialDelay.toMillis() << shift;
        if (millis < 0 || millis > maxDelay.toMillis()) {
            return maxDelay;
        }
        return Duration.ofMillis(millis);
    }
}
