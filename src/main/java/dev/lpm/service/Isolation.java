package dev.lpm.service;

import dev.lpm.core.ServiceName;
import dev.lpm.policy.Decision.IsolatedTarget;
import dev.lpm.process.ServiceStartException;

/**
 * What {@link ServiceManager} asks of isolated mode around the supervisor: get ready before a launch,
 * clean up after a stop. The forwarding itself follows the service's state (see {@link DockerIsolation}).
 */
public interface Isolation extends AutoCloseable {

    /** For instances without isolated mode (embedded use, tests): refuses isolated services. */
    Isolation NONE = new Isolation() {
        @Override
        public void prepare(ServiceName name, IsolatedTarget target) {
            throw new ServiceStartException("'" + name + "' is isolated, and this lpm runs without isolated mode");
        }

        @Override
        public void stopped(ServiceName name) {}

        @Override
        public void close() {}
    };

    /**
     * Before the supervisor launches an isolated service: the internal network exists, and no stale
     * container of this service holds its name.
     *
     * @throws ServiceStartException when the service cannot start isolated (no engine, a foreign container
     *                               with its name, a network of that name that is not internal)
     */
    void prepare(ServiceName name, IsolatedTarget target);

    /** After the supervisor stopped the service: no forwarder listens on its port, its container is gone. */
    void stopped(ServiceName name);

    /** At shutdown, after every service was stopped. */
    @Override
    void close();
}
