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
 */
public record ServiceStatus(ServiceState state, String reason, Instant since, Long pid, Integer exitCode,
                            int restarts) {

    public ServiceStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        reason = reason == null ? "" : reason;
    }

    public static ServiceStatus stopped(String reason, Instant at) {
        return new ServiceStatus(ServiceState.STOPPED, reason, at, null, null, 0);
    }
}
