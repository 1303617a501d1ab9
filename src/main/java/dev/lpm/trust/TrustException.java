package dev.lpm.trust;

/** A trust place could not be read or changed; the message says what and how to fix it. */
public final class TrustException extends RuntimeException {

    public TrustException(String message) {
        super(message);
    }

    public TrustException(String message, Throwable cause) {
        super(message, cause);
    }
}
