package dev.lpm.proxy;

/** The proxy's port is taken; the message says by what and how to choose another. */
public final class ProxyPortInUseException extends RuntimeException {
    public ProxyPortInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
