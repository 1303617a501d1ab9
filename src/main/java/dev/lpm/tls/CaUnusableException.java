package dev.lpm.tls;

/** The CA's files cannot be used as they are; the message says why and what to do. */
public final class CaUnusableException extends RuntimeException {

    public CaUnusableException(String message) {
        super(message);
    }

    public CaUnusableException(String message, Throwable cause) {
        super(message, cause);
    }
}
