package dev.lpm.control;

/** The instance refused or failed a request; the message is meant for the user. */
public final class ControlException extends RuntimeException {
    public ControlException(String message) {
        super(message);
    }
}
