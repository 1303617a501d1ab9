package dev.lpm.core;

import java.time.Instant;
import java.util.Objects;

/**
 * The live state of a service. Not persisted: a new instance starts with everything STOPPED.
 *
 * @param state    lifecycle state
 * @param reason   why the last change happened, in words a user understands
 * @param since    when the state last changed
 * @param pid      the supervised process, while there is one
 * @param exitCode the last exit code, once the process exited
 * @param restarts automatic restarts since the service was last started by the user
 * @param exposure where a running service's port listens, as last read from the kernel's socket table;
 *                 {@code null} while not known (not running yet, an alias or a Docker command, which lpm
 *                 does not judge this way, or a system without {@code /proc/net/tcp})
 */
public record ServiceStatus(ServiceState state, String reason, Instant since, Long pid, Integer exitCode,
                            int restarts, PortExposure exposure) {

    public ServiceStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        reason = reason == null ? "" : reason;
    }

    /** A new status: where the port listens is not known until it is read again. */
    public ServiceStatus(ServiceState state, String reason, Instant since, Long pid, Integer exitCode, int restarts) {
        this(state, reason, since, pid, exitCode, restarts, null);
    }

    /** The same status with what was read about the port; {@code since} stays, so uptime does not restart. */
    public ServiceStatus withExposure(PortExposure newExposure) {
        return new ServiceStatus(state, reason, since, pid, exitCode, restarts, newExposure);
    }

    public static ServiceStatus stopped(String reason, Instant at) {
        return new ServiceStatus(ServiceState.STOPPED, reason, at, null, null, 0);
    }
}
