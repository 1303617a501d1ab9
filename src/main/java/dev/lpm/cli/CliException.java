package dev.lpm.cli;

/** A failure the CLI reports as "lpm: MESSAGE" with exit code 1. */
public final class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}
