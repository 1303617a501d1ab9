package dev.lpm.control;

import java.time.Duration;

/** The instance accepted the request but sent nothing, not even progress, for too long. */
public final class ControlTimeoutException extends RuntimeException {

    private final Duration waited;

    public ControlTimeoutException(Duration waited) {
        super("the lpm instance did not answer within " + waited.toSeconds() + "s");
        this.waited = waited;
    }

    public Duration waited() {
        return waited;
    }
}
