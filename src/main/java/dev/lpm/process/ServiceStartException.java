package dev.lpm.process;

/** A service could not be launched at all; the message says why and what to do. */
public final class ServiceStartException extends RuntimeException {
    public ServiceStartException(String message) {
        super(message);
    }

    public ServiceStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
