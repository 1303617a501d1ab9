package dev.lpm.core;

/** A name that is not a DNS label; the message says what is allowed. */
public final class InvalidServiceNameException extends IllegalArgumentException {
    public InvalidServiceNameException(String given) {
        super("invalid service name " + (given == null ? "(none)" : "'" + given + "'") + ": use "
                + ServiceName.RULE);
    }
}
