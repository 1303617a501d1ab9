package dev.lpm.service;

import dev.lpm.core.ServiceName;
import dev.lpm.policy.Decision.IsolatedTarget;
import dev.lpm.process.ServiceStartException;

/**
 * What {@link ServiceManager} asks of the containers of its Docker services around the supervisor: get
 * an isolated service ready before a launch, and after a stop leave nothing running that the stopped
 * {@code docker run} client left behind. The forwarding itself follows the service's state (see
 * {@link DockerServiceContainers}).
 */
public interface ServiceContainers extends AutoCloseable {

    /** For instances without isolated mode (embedded use, tests): refuses isolated services. */
    ServiceContainers NONE = new ServiceContainers() {
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

    /**
     * After the supervisor stopped the service: no forwarder listens on its port, an isolated container
     * is gone, and no container labelled with the service still runs (a container that ignored SIGTERM
     * outlives its killed {@code docker run} client and would keep the port).
     */
    void stopped(ServiceName name);

    /**
     * At shutdown, after every service was stopped, and at start for what a dead instance ran: no
     * container of any of {@code services} still runs (one look at the engine for all of them). Returns
     * one line per container it stopped ("container NAME of SERVICE").
     */
    default java.util.List<String> stoppedAll(java.util.Collection<ServiceName> services) {
        services.forEach(this::stopped);
        return java.util.List.of();
    }

    /** At shutdown, after every service was stopped. */
    @Override
    void close();
}
