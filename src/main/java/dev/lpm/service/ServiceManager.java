package dev.lpm.service;

import dev.lpm.core.Service;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import dev.lpm.core.ServiceState;
import dev.lpm.core.ServiceStatus;
import dev.lpm.core.Settings;
import dev.lpm.core.VpnStatus;
import dev.lpm.policy.Decision;
import dev.lpm.policy.SecurityBlockedException;
import dev.lpm.policy.SecurityPolicy;
import dev.lpm.ports.ListeningSockets;
import dev.lpm.process.ListenerProbe;
import dev.lpm.process.ServiceStartException;
import dev.lpm.process.Supervisor;
import dev.lpm.registry.Registration;
import dev.lpm.registry.ServiceRegistry;
import dev.lpm.run.CommandPort;
import dev.lpm.run.DevServers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * What a user can do with services, in one place: it keeps the registry (what is registered, and
 * whether it should run) and the supervisor (what runs) in step.
 */
public final class ServiceManager {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServiceManager.class);

    /** How much longer than the start timeout a caller waits for the readiness verdict. */
    private static final Duration VERDICT_SLACK = Duration.ofSeconds(5);

    private final ServiceRegistry registry;
    private final Supervisor supervisor;
    /** Read on every use: the kill switch can change while the instance runs (see LiveSettings). */
    private final Supplier<Settings> settings;
    private final SecurityPolicy policy;
    private final Supplier<VpnStatus> vpn;
    private final String dockerHost;
    private final Clock clock;
    private final ServiceContainers containers;
    /** The instance's cached verdict whether lpm's CA is trusted (cheap to read: see CaTrustVerdict). */
    private final java.util.function.BooleanSupplier caTrusted;

    public ServiceManager(ServiceRegistry registry, Supervisor supervisor, Supplier<Settings> settings, SecurityPolicy policy,
                          Supplier<VpnStatus> vpn, String dockerHost, Clock clock, ServiceContainers containers,
                          java.util.function.BooleanSupplier caTrusted) {
        this.caTrusted = caTrusted;
        this.containers = containers;
        this.registry = registry;
        this.supervisor = supervisor;
        this.settings = settings;
        this.policy = policy;
        this.vpn = vpn;
        this.dockerHost = dockerHost;
        this.clock = clock;
    }

    public Settings settings() {
        return settings.get();
    }

    /** The address users open for {@code name}: the settings' scheme choice with the cached trust verdict. */
    public String urlOf(ServiceName name) {
        return settings.get().urlOf(name, caTrusted.getAsBoolean());
    }

    /**
     * A registration's outcome: the service, the policy's decision it was started with (null: an alias), and
     * how its command learns its port (null: an alias).
     */
    public record Registered(Service service, Decision decision, CommandPort commandPort) {

        /** What lpm runs when that differs from the registered command (a container command bound to loopback). */
        public String runCommand() {
            return decision instanceof Decision.Rewrite rewrite ? rewrite.rewrittenCommand() : null;
        }
    }

    /**
     * Registers a service and, unless told not to, starts it and waits for its readiness verdict. The
     * policy decides once, on the command as typed: a command it refuses in any case ({@code --network
     * host}, {@code -P}) is not registered; one the kill switch blocks is registered as blocked. The
     * registration is saved once, already marked to run when it is started.
     */
    public Registered register(Registration requested, boolean start) {
        if (requested.command() == null) {
            return new Registered(refreshAlias(registry.register(requested, false)), null, null);
        }
        // A dev server that ignores PORT gets its port and host flags here, so the registry shows what runs.
        CommandPort commandPort = DevServers.decide(requested.command(), requested.workingDirectory());
        Registration registration = requested.withCommand(commandPort.command());
        Decision decision = policy.decide(registration.name(), registration.command(), registration.flags(), vpn.get(),
                settings.get().killSwitch());
        if (decision instanceof Decision.Refuse refuse) {
            throw SecurityBlockedException.of(registration.name().value(), refuse);
        }
        policy.refuseAtRegistration(registration.command(), registration.flags(), registration.requestedPort())
                .ifPresent(refuse -> {
                    throw SecurityBlockedException.of(registration.name().value(), refuse);
                });
        Service service = registry.register(registration, start);
        String port = Integer.toString(service.spec().port());
        Decision forPort = decision.mapCommands(c -> c.replace(ServiceSpec.PORT_PLACEHOLDER, port));
        if (!start) {
            return new Registered(service, forPort, commandPort);
        }
        Service started = launchAndWait(service, forPort);
        if (started.state() != ServiceState.RUNNING && started.state() != ServiceState.BLOCKED) {
            throw undoFailedRegistration(started);
        }
        return new Registered(started, forPort, commandPort);
    }

    /** Lines of output a failed first start's error carries (the service's log goes with its registration). */
    private static final int FAILED_START_LINES = 10;

    /**
     * A registration whose first start failed (crashed, timed out, no such program, port taken) is undone,
     * so the name and port are free for the corrected command; the error says why, with the last output.
     * A blocked one stays: it starts by itself when the VPN goes down (the caller decides, keepIfBlocked).
     */
    private ServiceStartException undoFailedRegistration(Service failed) {
        ServiceName name = failed.name();
        List<String> output = tail(name, FAILED_START_LINES);
        unregister(name);
        String reason = failed.status().reason();
        return new ServiceStartException("'" + name + "' did not start (" + failed.state().label()
                + (reason == null || reason.isEmpty() ? "" : ": " + reason) + "), so it is not registered: the name"
                + " and port " + failed.spec().port() + " are free again"
                + (output.isEmpty() ? "" : "; its last output:\n  " + String.join("\n  ", output)));
    }

    /** Starts a service and waits until it runs or fails; a failure is in the returned status. */
    public Service start(ServiceName name) {
        Service service = registry.get(name);
        if (service.spec().isAlias()) {
            throw new ServiceStartException("'" + name + "' is an alias for port " + service.spec().port()
                    + "; it has no process to start");
        }
        if (supervisor.isRunning(name)) {
            return service;
        }
        Service toStart = registry.setAutostart(name, true);
        return launchAndWait(toStart, decisionFor(toStart));
    }

    private Service launchAndWait(Service service, Decision decision) {
        CompletableFuture<ServiceStatus> ready = launch(service, decision);
        if (ready != null) {
            Duration limit = service.spec().startTimeoutOr(settings.get().startTimeout()).plus(VERDICT_SLACK);
            try {
                ready.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // The supervisor's start deadline always completes the verdict first; say so if it did not.
                LOG.warn("no readiness verdict for {} within {}s; reporting its current state", service.name(),
                        limit.toSeconds());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return registry.get(service.name());
    }

    /**
     * The one launch path: the policy's decision is applied (blocked or refused: the service is BLOCKED
     * with the reason), an isolated service's network is prepared, and the supervisor launches what the
     * policy allows. Returns the readiness verdict, or null when nothing was launched (the reason is in
     * the service's status).
     */
    private CompletableFuture<ServiceStatus> launch(Service service, Decision decision) {
        ServiceName name = service.name();
        if (decision.commandToRun() == null) {
            String reason = decision instanceof Decision.Block block ? block.message() : ((Decision.Refuse) decision).reason();
            registry.updateStatus(name, blocked(reason));
            return null;
        }
        try {
            decision.isolatedTarget().ifPresent(target -> containers.prepare(name, target));
            // The registry keeps what the user typed; the supervisor runs what the policy allows.
            return supervisor.start(withCommand(service.spec(), decision.commandToRun()));
        } catch (ServiceStartException e) {
            registry.updateStatus(name, crashed(e.getMessage()));
            return null;
        }
    }

    /** Stops a service (its whole process tree) and remembers that it should not run. */
    public Service stop(ServiceName name) {
        Service service = registry.get(name);
        if (service.spec().isAlias()) {
            return refreshAlias(service);
        }
        registry.setAutostart(name, false);
        supervisor.stop(name);
        containers.stopped(name);
        return registry.get(name);
    }

    public Service restart(ServiceName name) {
        Service service = registry.get(name);
        if (!service.spec().isAlias()) {
            supervisor.stop(name);
            containers.stopped(name);
        }
        return start(name);
    }

    /** Stops the service if it runs and forgets it; its log files stay. */
    public Service unregister(ServiceName name) {
        Service service = registry.get(name);
        if (!service.spec().isAlias()) {
            supervisor.stop(name);
            containers.stopped(name);
        }
        return registry.unregister(name);
    }

    /** A read: no I/O, no event (an alias's liveness is kept current by {@link #refreshAliases()}). */
    public Service get(ServiceName name) {
        return registry.get(name);
    }

    /** A read: no I/O, no event. */
    public List<Service> list() {
        return registry.list();
    }

    /**
     * Probes every alias's port and records whether something serves it (an event when that changed).
     * The instance calls this on a schedule, so reads never probe sockets.
     */
    public void refreshAliases() {
        registry.list().stream().filter(s -> s.spec().isAlias()).forEach(this::refreshAlias);
    }

    /**
     * Reads where every running service that listens itself (not an alias, not a container CLI) listens
     * on its port, with one read of the kernel's socket table, and records it (an event when that
     * changed). The instance calls this on a schedule and when a service starts running, so reads never
     * touch {@code /proc}.
     */
    public void refreshExposures() {
        refreshExposures(registry.list());
    }

    /** {@link #refreshExposures()} for one service, right after it started running. */
    public void refreshExposure(ServiceName name) {
        registry.find(name).ifPresent(service -> refreshExposures(List.of(service)));
    }

    private void refreshExposures(List<Service> candidates) {
        List<Service> listeners = candidates.stream().filter(this::listensItself).toList();
        if (listeners.isEmpty()) {
            return;
        }
        ListeningSockets sockets = ListeningSockets.read();
        for (Service service : listeners) {
            // Nothing listening right now (a dev server between reloads): keep what was last read.
            sockets.exposureOf(service.spec().port()).ifPresent(exposure ->
                    registry.recordExposure(service.name(), service.status().pid(), exposure));
        }
    }

    private boolean listensItself(Service service) {
        return service.state() == ServiceState.RUNNING && service.status().pid() != null
                && !service.spec().isAlias() && !policy.runsContainers(service.spec().command());
    }

    public List<String> tail(ServiceName name, int lines) {
        registry.get(name);
        return supervisor.tail(name, lines);
    }

    /**
     * Forgets the services {@code lpm run} registered that are still in the registry at start: the instance
     * before this one ended while they ran, and their terminals' runs ended with it.
     */
    public void dropLeftoverRuns() {
        for (Service service : registry.list()) {
            if (service.spec().isRun() && !supervisor.isRunning(service.name())) {
                LOG.info("dropping {}: an lpm run of an instance that ended", service.name());
                registry.unregister(service.name());
            }
        }
    }

    /** Starts, without waiting, every service that was running when the last instance stopped. */
    public void startAutostartServices() {
        startInBackground(service -> service.spec().autostart());
    }

    /** When the VPN goes down, the services the kill switch held start again by themselves. */
    public void onVpnChanged(VpnStatus status) {
        if (!status.active()) {
            startInBackground(service -> service.state() == ServiceState.BLOCKED && service.spec().autostart());
        }
    }

    /** What the policy would run for this service now: its command, rewritten for loopback if it runs containers. */
    public Decision decisionFor(Service service) {
        return policy.decide(service.spec(), vpn.get(), settings.get().killSwitch());
    }

    private void startInBackground(java.util.function.Predicate<Service> which) {
        for (Service service : registry.list()) {
            if (service.spec().isAlias() || !which.test(service) || supervisor.isRunning(service.name())) {
                continue;
            }
            try {
                launch(service, decisionFor(service));
            } catch (RuntimeException e) {
                registry.updateStatus(service.name(), crashed(e.getMessage()));
            }
        }
    }

    /** What the supervisor runs: the policy's command, and DOCKER_HOST on lpm's API guard (set last, so it wins). */
    private ServiceSpec withCommand(ServiceSpec spec, String command) {
        java.util.Map<String, String> environment = new java.util.HashMap<>(spec.environment());
        if (dockerHost != null) {
            environment.put("DOCKER_HOST", dockerHost);
        }
        return spec.toRun(command, environment);
    }

    /** Stops every process, keeping each service's autostart wish for the next instance. */
    public void shutdown() {
        supervisor.stopAll();
        // A container whose PID 1 ignored SIGTERM outlives its killed docker client: stop what is left.
        containers.stoppedAll(registry.list().stream().filter(s -> !s.spec().isAlias()).map(Service::name).toList());
        containers.close(); // removes the isolated containers the stops left behind
    }

    /** An alias has no process: it is running exactly when something serves its port. */
    private Service refreshAlias(Service alias) {
        int port = alias.spec().port();
        boolean served = ListenerProbe.accepts(port);
        ServiceState state = served ? ServiceState.RUNNING : ServiceState.STOPPED;
        String reason = served ? "routes to port " + port + ", served by another program"
                : "nothing accepts connections on port " + port + " yet";
        if (alias.state() == state && alias.status().reason().equals(reason)) {
            return alias;
        }
        return registry.updateStatus(alias.name(), new ServiceStatus(state, reason, clock.instant(), null, null, 0))
                .orElse(alias);
    }

    private ServiceStatus blocked(String reason) {
        return new ServiceStatus(ServiceState.BLOCKED, reason, clock.instant(), null, null, 0);
    }

    private ServiceStatus crashed(String reason) {
        return new ServiceStatus(ServiceState.CRASHED, reason, clock.instant(), null, null, 0);
    }
}
