package dev.lpm.control;

/** No lpm instance answers on the control socket. */
public final class DaemonUnavailableException extends RuntimeException {
    public DaemonUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
