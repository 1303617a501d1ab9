package dev.lpm.ports;

/** A port cannot be handed out or reserved; the message says why in words a user understands. */
public final class PortUnavailableException extends RuntimeException {
    public PortUnavailableException(String message) {
        super(message);
    }
}
