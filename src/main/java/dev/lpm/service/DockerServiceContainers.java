package dev.lpm.service;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceState;
import dev.lpm.core.ServiceStatus;
import dev.lpm.docker.engine.DockerEngineException;
import dev.lpm.docker.engine.DockerGateway;
import dev.lpm.docker.engine.IsolatedNetwork;
import dev.lpm.policy.Decision.IsolatedTarget;
import dev.lpm.policy.SecurityPolicy;
import dev.lpm.process.ServiceStartException;
import dev.lpm.proxy.TcpForwarder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Isolated mode at run time. Before a launch: the internal network exists, a stale container of the
 * service is removed. Each launch (every STARTING the supervisor reports, restarts included) gets a
 * {@link TcpForwarder} 127.0.0.1:{port} -> container:port, opened once the container has an address on
 * the network and accepts connections there (retried with Failsafe), so the supervisor's readiness
 * probe on {port} means "the container serves". Any state but STARTING/RUNNING closes it, which frees
 * the port before the supervisor's next launch checks it. A stop also removes the container: docker
 * run's CLI does not always take its container with it (PID 1 may ignore SIGTERM).
 */
public final class DockerServiceContainers implements ServiceContainers {

    private static final Logger LOG = LoggerFactory.getLogger(DockerServiceContainers.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(300);

    private final DockerGateway gateway;
    private final IsolatedNetwork network;
    private final Duration startTimeout;
    private final Map<ServiceName, IsolatedTarget> targets = new ConcurrentHashMap<>();
    private final Map<ServiceName, Forwarding> forwardings = new ConcurrentHashMap<>();

    public DockerServiceContainers(DockerGateway gateway, Duration startTimeout) {
        this.gateway = gateway;
        this.network = new IsolatedNetwork(gateway, SecurityPolicy.ISOLATED_NETWORK);
        this.startTimeout = startTimeout;
    }

    @Override
    public void prepare(ServiceName name, IsolatedTarget target) {
        try {
            network.ensure();
            removeOwnContainer(name, target.containerName(), true);
        } catch (RuntimeException e) {
            throw new ServiceStartException("cannot start '" + name + "' isolated: " + e.getMessage(), e);
        }
        targets.put(name, target);
    }

    /** Feed with every event (cheap: it acts only on isolated services' state changes, off the caller's thread). */
    public void onEvent(LpmEvent event) {
        if (!(event instanceof LpmEvent.ServiceChanged changed)) {
            return;
        }
        ServiceName name = changed.service().name();
        IsolatedTarget target = targets.get(name);
        if (target == null) {
            return;
        }
        ServiceStatus status = changed.service().status();
        if (status.state() == ServiceState.STARTING) {
            Forwarding current = forwardings.get(name);
            if (current == null || !Objects.equals(current.pid, status.pid())) {
                open(name, target, changed.service().spec().port(), status.pid(),
                        changed.service().spec().startTimeoutOr(startTimeout));
            }
        } else if (status.state() != ServiceState.RUNNING) {
            closeForwarding(name);
        }
    }

    @Override
    public void stopped(ServiceName name) {
        closeForwarding(name);
        stopLeftovers(name);
        IsolatedTarget target = targets.remove(name);
        if (target != null) {
            try {
                removeOwnContainer(name, target.containerName(), false);
            } catch (RuntimeException e) {
                LOG.warn("could not remove the container {} of {}: {}", target.containerName(), name, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        targets.keySet().forEach(this::stopped); // the gateway is the instance's: it closes it
    }

    /** One launch's forwarder: opened on its own thread, closed (also before it opened) by state changes. */
    private static final class Forwarding {
        final Long pid;
        volatile boolean cancelled;
        TcpForwarder forwarder; // guarded by this

        Forwarding(Long pid) {
            this.pid = pid;
        }

        synchronized void opened(TcpForwarder f) {
            if (cancelled) {
                f.close();
            } else {
                forwarder = f;
            }
        }

        synchronized void cancel() {
            cancelled = true;
            if (forwarder != null) {
                forwarder.close();
            }
        }
    }

    private void open(ServiceName name, IsolatedTarget target, int port, Long pid, Duration maxWait) {
        Forwarding forwarding = new Forwarding(pid);
        Forwarding old = forwardings.put(name, forwarding);
        if (old != null) {
            old.cancel();
        }
        RetryPolicy<InetSocketAddress> untilServing = RetryPolicy.<InetSocketAddress>builder()
                .handle(IOException.class, DockerEngineException.class) // not serving yet, or the engine blinked
                .abortOn(CancellationException.class)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .withMaxDuration(maxWait).withMaxRetries(-1).build();
        // A platform thread: the engine client's socket reads are native calls that would pin a virtual one.
        Thread.ofPlatform().daemon().name("lpm-isolated-" + name).start(() -> {
            try {
                InetSocketAddress address = Failsafe.with(untilServing).get(() -> serving(forwarding, target));
                forwarding.opened(TcpForwarder.open(port, address));
            } catch (RuntimeException e) { // FailsafeException (gave up), cancelled, port taken
                // The supervisor's start timeout reports it; the log says why.
                LOG.info("no forwarder for {}: {}", name, e.getMessage());
            }
        });
    }

    /** The container's address once it accepts connections on its port; throws to retry. */
    private InetSocketAddress serving(Forwarding forwarding, IsolatedTarget target) throws IOException {
        if (forwarding.cancelled) {
            throw new CancellationException("stopped");
        }
        InetSocketAddress address = network.address(target.containerName(), target.containerPort())
                .orElseThrow(() -> new IOException(target.containerName() + " has no address on "
                        + network.name() + " yet"));
        try (Socket probe = new Socket()) {
            probe.connect(address, (int) PROBE_TIMEOUT.toMillis());
        }
        return address;
    }

    private void closeForwarding(ServiceName name) {
        Forwarding forwarding = forwardings.remove(name);
        if (forwarding != null) {
            forwarding.cancel();
        }
    }

    /** Stops the service's containers that still run; only ever containers carrying its label. */
    private void stopLeftovers(ServiceName name) {
        stopLeftovers(java.util.Set.of(name.value()));
    }

    /** Stops the running containers labelled as one of {@code names}'s, with one listing for all. */
    private java.util.List<String> stopLeftovers(java.util.Set<String> names) {
        java.util.List<String> stopped = new java.util.ArrayList<>();
        try {
            for (var container : gateway.runningContainers()) {
                String service = container.labels().get(SecurityPolicy.SERVICE_LABEL);
                if (service != null && names.contains(service)) {
                    LOG.info("stopping {} of {}: it outlived its docker client", container.name(), service);
                    gateway.stop(container.id(), Duration.ofSeconds(1));
                    stopped.add("container " + container.name() + " of " + service);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not check the containers of {}: {}", names, e.getMessage());
        }
        return stopped;
    }

    @Override
    public java.util.List<String> stoppedAll(java.util.Collection<ServiceName> services) {
        services.forEach(this::closeForwarding);
        return stopLeftovers(services.stream().map(ServiceName::value).collect(java.util.stream.Collectors.toSet()));
    }

    private void removeOwnContainer(ServiceName name, String container, boolean refuseForeign) {
        var info = gateway.inspect(container);
        if (info.isEmpty()) {
            return;
        }
        if (!name.value().equals(info.get().labels().get(SecurityPolicy.SERVICE_LABEL))) {
            if (refuseForeign) {
                throw new IllegalStateException("a container named " + container + " exists that is not this "
                        + "service's; remove or rename it, or give the service another --name");
            }
            return;
        }
        gateway.remove(container);
    }
}
