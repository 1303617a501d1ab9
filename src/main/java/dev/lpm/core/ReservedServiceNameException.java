package dev.lpm.core;

/** A valid DNS label that a new registration may not take ({@link ServiceName#reservedBecause()}). */
public final class ReservedServiceNameException extends IllegalArgumentException {
    public ReservedServiceNameException(String message) {
        super(message);
    }
}
