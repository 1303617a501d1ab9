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

    /** How users read it, in the CLI and in JSON: {@code running}, {@code crashed}, ... */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The state with this {@link #label()}. */
    public static ServiceState ofLabel(String label) {
        return valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }

    public boolean isActive() {
        return this == STARTING || this == RUNNING;
    }

    /**
     * Whether a service in this state may move to {@code next}. The same state again is a new reason
     * (progress, a changed alias). A process must start before it runs, and must stop or crash before it
     * starts again; a running or starting service is never blocked (the kill switch acts before a
     * launch); an alias is only ever stopped or running.
     */
    public boolean canBecome(ServiceState next) {
        return switch (this) {
            case STOPPED -> true;
            case STARTING -> next != BLOCKED;
            case RUNNING -> next == RUNNING || next == CRASHED || next == STOPPED;
            case CRASHED, BLOCKED -> next != RUNNING;
        };
    }
}
