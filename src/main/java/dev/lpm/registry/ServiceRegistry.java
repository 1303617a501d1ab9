package dev.lpm.registry;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.PortExposure;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import dev.lpm.core.ServiceState;
import dev.lpm.core.ServiceStatus;
import dev.lpm.events.EventBus;
import dev.lpm.ports.PortAllocator;
import dev.lpm.ports.PortUnavailableException;
import dev.lpm.storage.JsonFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registered services: their specs (persisted through {@link RegistryStore}) and their live status
 * (in memory only). Reads are lock-free. Writes hold one lock and publish their event while holding
 * it, so subscribers see changes in the order they happened; a write is saved to disk before anyone
 * hears of it, and undone if saving fails.
 */
public final class ServiceRegistry {

    private static final String NOT_STARTED = "not started";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServiceRegistry.class);

    private final RegistryStore store;
    private final PortAllocator ports;
    private final EventBus events;
    private final Clock clock;
    private final ConcurrentHashMap<ServiceName, Service> services = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();

    public ServiceRegistry(RegistryStore store, PortAllocator ports, EventBus events, Clock clock) {
        this.store = store;
        this.ports = ports;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Replaces what is in memory with what is on disk; every service starts STOPPED.
     *
     * @return the report if the file was invalid and had to be moved aside (then no services are loaded)
     * @throws IOException only when an invalid file cannot even be moved aside
     */
    public Optional<JsonFile.Quarantine> load() throws IOException {
        synchronized (writeLock) {
            JsonFile.Loaded<List<ServiceSpec>> loaded = store.load();
            services.values().forEach(service -> ports.release(service.spec().port()));
            services.clear();
            ServiceStatus stopped = ServiceStatus.stopped(NOT_STARTED, clock.instant());
            for (ServiceSpec spec : loaded.value()) {
                // No probing: the port belongs to the service even if something (it) serves it right now.
                ports.reserveExisting(spec.port());
                services.put(spec.name(), new Service(spec, stopped));
            }
            JsonFile.Quarantine quarantine = loaded.quarantine();
            if (quarantine != null) {
                events.publish(new LpmEvent.StateFileProblem(quarantine.file().toString(),
                        quarantine.keptAt().toString(), quarantine.problem(), clock.instant()));
            }
            return Optional.ofNullable(quarantine);
        }
    }

    public Service register(Registration r) {
        return register(r, false);
    }

    /**
     * Registers, with {@code autostart} already set when the caller starts the service right away, so
     * a registration is saved and announced once.
     */
    public Service register(Registration r, boolean autostart) {
        r.name().requireRegistrable();
        synchronized (writeLock) {
            Service existing = services.get(r.name());
            if (existing != null) {
                throw new ServiceAlreadyExistsException(existing.spec());
            }
            if (r.requestedPort() != null) {
                refuseIfHeld(r.requestedPort());
            }
            int port;
            if (r.requestedPort() == null) {
                port = ports.allocate();
            } else if (r.command() == null) {
                // An alias names a port something else serves, so that port is expected to be busy.
                port = r.requestedPort();
                ports.reserveExisting(port);
            } else {
                port = r.requestedPort();
                ports.reserve(port);
            }
            Service service;
            try {
                ServiceSpec spec = new ServiceSpec(r.name(), r.command(), port, r.flags(), r.workingDirectory(),
                        r.environment(), clock.instant(), autostart, r.startTimeout(), r.stopGrace(), r.group());
                service = new Service(spec, ServiceStatus.stopped(NOT_STARTED, clock.instant()));
                services.put(r.name(), service);
                persist("registration of '" + r.name() + "'");
            } catch (RuntimeException e) {
                services.remove(r.name());
                ports.release(port);
                throw e;
            }
            events.publish(new LpmEvent.ServiceChanged(service, clock.instant()));
            return service;
        }
    }

    /** A port another registration holds is refused naming that registration, so the user knows what to change. */
    private void refuseIfHeld(int port) {
        for (Service other : services.values()) {
            if (other.spec().port() == port) {
                throw new PortUnavailableException("port " + port + " is already assigned to service '"
                        + other.name() + "'" + (other.spec().isAlias() ? " (an alias)" : "")
                        + "; choose another port, or leave --port out and lpm picks a free one");
            }
        }
    }

    /** Forgets a service and frees its port. Stopping its process is the caller's job. */
    public Service unregister(ServiceName name) {
        synchronized (writeLock) {
            Service removed = get(name);
            services.remove(name);
            try {
                persist("removal of '" + name + "'");
            } catch (RuntimeException e) {
                services.put(name, removed);
                throw e;
            }
            // Released only once the removal is on disk, so a failed save leaves the port with its owner.
            ports.release(removed.spec().port());
            events.publish(new LpmEvent.ServiceRemoved(name, clock.instant()));
            return removed;
        }
    }

    public Service get(ServiceName name) {
        return find(name).orElseThrow(() -> new UnknownServiceException(name, services.keySet()));
    }

    public Optional<Service> find(ServiceName name) {
        return Optional.ofNullable(services.get(name));
    }

    /** All services, sorted by name. */
    public List<Service> list() {
        return services.values().stream().sorted(Comparator.comparing(Service::name)).toList();
    }

    /**
     * Records a new live status (not persisted); the one place a service's state changes. A transition
     * its current state does not allow ({@link ServiceState#canBecome}) is refused and logged, and the
     * service stays as it was. Empty, and nothing happens, if the service is gone.
     */
    public Optional<Service> updateStatus(ServiceName name, ServiceStatus status) {
        synchronized (writeLock) {
            Service current = services.get(name);
            if (current == null) {
                return Optional.empty();
            }
            if (!current.state().canBecome(status.state())) {
                LOG.warn("refused a state change of {} from {} to {} ({}); it stays {} ({})", name, current.state(),
                        status.state(), status.reason(), current.state(), current.status().reason());
                return Optional.of(current);
            }
            Service updated = current.withStatus(status);
            services.put(name, updated);
            events.publish(new LpmEvent.ServiceChanged(updated, clock.instant()));
            return Optional.of(updated);
        }
    }

    /**
     * Records where a running service's port listens (not persisted), with an event when that changed.
     * Applies only while the service still runs as process {@code pid}: a reading taken before a
     * restart or a stop says nothing about the next run.
     */
    public void recordExposure(ServiceName name, long pid, PortExposure exposure) {
        synchronized (writeLock) {
            Service current = services.get(name);
            if (current == null || current.state() != ServiceState.RUNNING
                    || !Long.valueOf(pid).equals(current.status().pid())
                    || exposure.equals(current.status().exposure())) {
                return;
            }
            Service updated = current.withStatus(current.status().withExposure(exposure));
            services.put(name, updated);
            events.publish(new LpmEvent.ServiceChanged(updated, clock.instant()));
        }
    }

    /** Records whether the service should run, so a restarted lpm brings it back. Persisted. */
    public Service setAutostart(ServiceName name, boolean autostart) {
        synchronized (writeLock) {
            Service before = get(name);
            if (before.spec().autostart() == autostart) {
                return before;
            }
            Service after = before.withSpec(before.spec().withAutostart(autostart));
            services.put(name, after);
            try {
                persist("change of '" + name + "'");
            } catch (RuntimeException e) {
                services.put(name, before);
                throw e;
            }
            events.publish(new LpmEvent.ServiceChanged(after, clock.instant()));
            return after;
        }
    }

    /** Saves every spec; called with the write lock held, after the change was made in memory. */
    private void persist(String what) {
        try {
            store.save(services.values().stream().map(Service::spec).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("the " + what + " was not saved, nothing changed: cannot write "
                    + store.path() + " (" + e + ")", e);
        }
    }
}
