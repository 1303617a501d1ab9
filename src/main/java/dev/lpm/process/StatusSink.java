package dev.lpm.process;

import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceStatus;

/**
 * Where the supervisor reports every state transition of a service (the app wires it to the registry,
 * which publishes the events). Called in transition order while the supervisor holds that service's
 * lock, so it must be quick and must not wait on another thread that calls back into the supervisor.
 */
@FunctionalInterface
public interface StatusSink {
    void update(ServiceName name, ServiceStatus status);
}
