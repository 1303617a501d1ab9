package dev.lpm.core;

/** Lifecycle of a registered service. */
public enum ServiceState {
    /** Not running, on purpose (never started, or stopped by the user). */
    STOPPED,
    /** Process launched, port not yet accepting connections. */
    STARTING,
    /** Port accepts connections (for an alias: something serves its port). */
    RUNNING,
    /** Exited or failed to become ready; may be waiting for an automatic restart. */
    CRASHED,
    /** Refused by the security policy (e.g. the VPN kill switch). */
    BLOCKED;

    public boolean isActive() {
        return this == STARTING || this == RUNNING;
    }
}
