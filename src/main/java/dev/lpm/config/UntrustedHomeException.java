package dev.lpm.config;

/**
 * LPM_HOME, or something in it, is not the user's own: lpm refuses to start. The message says what is
 * wrong and the command that fixes it.
 */
public final class UntrustedHomeException extends RuntimeException {

    public UntrustedHomeException(String message) {
        super(message);
    }
}
