package dev.lpm.app;

import dev.lpm.audit.CurrentFindings;
import dev.lpm.audit.listeners.ListenerFindingsWatcher;
import dev.lpm.config.LiveSettings;
import dev.lpm.config.LpmHome;
import dev.lpm.config.ProxyPortChoice;
import dev.lpm.config.SettingsStore;
import dev.lpm.control.ControlServer;
import dev.lpm.control.InstanceInfo;
import dev.lpm.control.ServiceControlHandler;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.Settings;
import dev.lpm.docker.apiguard.DockerApiGuard;
import dev.lpm.events.EventBus;
import dev.lpm.ports.LoopbackPortProbe;
import dev.lpm.policy.SecurityPolicy;
import dev.lpm.ports.PortAllocator;
import dev.lpm.proxy.AccessLog;
import dev.lpm.proxy.LoopbackProxy;
import dev.lpm.proxy.ProxyConfig;
import dev.lpm.proxy.RouteTable;
import dev.lpm.process.LeftoverProcesses;
import dev.lpm.process.RunJournal;
import dev.lpm.process.Supervisor;
import dev.lpm.registry.RegistryStore;
import dev.lpm.registry.ServiceRegistry;
import dev.lpm.docker.engine.DockerGateway;
import dev.lpm.docker.engine.EngineClientFactory;
import dev.lpm.enforce.Firewall;
import dev.lpm.enforce.HelperClient;
import dev.lpm.enforce.HelperLocation;
import dev.lpm.enforce.hosts.HostsFile;
import dev.lpm.service.DockerServiceContainers;
import dev.lpm.service.ServiceManager;
import dev.lpm.storage.JsonFile;
import dev.lpm.storage.RotatingLogFile;
import dev.lpm.vpn.VpnDetector;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import dev.lpm.core.ServiceName;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running lpm instance: builds every part once, in order, and closes them in reverse order. The
 * headless daemon and (later) the tray app host the same instance.
 */
public final class Lpm implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lpm.class);

    private final LpmHome home;
    private final LiveSettings settings;
    private final EventBus events;
    private final ServiceManager services;
    private final ControlServer control;
    private final ServiceControlHandler controlHandler;
    private final Parts parts;
    private final Deque<AutoCloseable> closeInReverse;
    private final CountDownLatch closed = new CountDownLatch(1);

    /** What the desktop backend reads besides the services: the security side, ports and problems. */
    record Parts(VpnWatch vpn, DockerSecurity docker, CurrentFindings findings, PortAllocator ports,
                 Supplier<List<String>> problems, dev.lpm.control.InstanceTrust trust) {}

    private Lpm(LpmHome home, LiveSettings settings, EventBus events, ServiceManager services, ControlServer control,
                ServiceControlHandler controlHandler, Parts parts, Deque<AutoCloseable> closeInReverse) {
        this.home = home;
        this.settings = settings;
        this.events = events;
        this.services = services;
        this.control = control;
        this.controlHandler = controlHandler;
        this.parts = parts;
        this.closeInReverse = closeInReverse;
    }

    /**
     * Starts an instance for {@code home}.
     *
     * @throws InstanceLock.AlreadyRunningException when another instance uses this home
     */
    public static Lpm start(LpmHome home, Clock clock, Integer proxyPortOption) throws IOException {
        return start(home, clock, proxyPortOption, EngineClientFactory.CONFIGURED);
    }

    /** {@code engines} opens the instance's one Docker engine client, shared by every part that needs one. */
    static Lpm start(LpmHome home, Clock clock, Integer proxyPortOption, EngineClientFactory engines)
            throws IOException {
        return start(home, clock, proxyPortOption, engines, HelperLocation.forThisMachine(System.getenv()));
    }

    /** {@code firewall}: the firewall helper this instance asks (null: none for this operating system). */
    static Lpm start(LpmHome home, Clock clock, Integer proxyPortOption, EngineClientFactory engines, Firewall firewall)
            throws IOException {
        home.ensureExists();
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        opened.push(InstanceLock.acquire(home.lock()));
        try {
            Instant startedAt = clock.instant();
            List<String> problems = new CopyOnWriteArrayList<>();
            EventBus events = new EventBus();
            events.subscribe(event -> {
                if (event instanceof LpmEvent.StateFileProblem problem) {
                    problems.add(problem.file() + " could not be read (" + problem.problem()
                            + "); its content is kept at " + problem.keptAt());
                }
            });

            JsonFile.Loaded<Settings> loadedSettings = new SettingsStore(home.settings()).load();
            Settings settings = loadedSettings.value()
                    .edit(b -> b.proxyPort = ProxyPortChoice.choose(proxyPortOption, System.getenv(), loadedSettings.value()));
            LiveSettings live = new LiveSettings(new SettingsStore(home.settings()), loadedSettings.value(), settings,
                    events, clock);
            if (loadedSettings.wasQuarantined()) {
                JsonFile.Quarantine q = loadedSettings.quarantine();
                LOG.error("{}; using default settings", q.message());
                events.publish(new LpmEvent.StateFileProblem(q.file().toString(), q.keptAt().toString(), q.problem(),
                        clock.instant()));
            }

            PortAllocator ports = new PortAllocator(settings.portRange(), settings.excludedPorts(), new LoopbackPortProbe());
            ServiceRegistry registry = new ServiceRegistry(new RegistryStore(home.services()), ports, events, clock);
            registry.load().ifPresent(q -> LOG.error("{}; starting with no services registered", q.message()));

            VpnDetector detector = new VpnDetector(settings.vpn(), events, clock, VpnDetector.DEFAULT_INTERFACE_INTERVAL,
                    VpnDetector.DEFAULT_PROCESS_INTERVAL);
            VpnWatch vpn = new VpnWatch(detector, events, startedAt);
            detector.start();
            opened.push(detector);

            CurrentFindings findings = new CurrentFindings(events);
            opened.push(new ListenerFindingsWatcher(events, registry::list, detector.current().active(), clock));
            // No I/O yet: an absent engine is found out by its users. Read once: a changed engineHost needs a restart.
            DockerGateway engine = engines.open(settings.engineHost());
            opened.push(engine);
            DockerSecurity docker = DockerSecurity.start(engine, home.dir().resolve("blocked-containers.json"), live,
                    detector.current(), vpn::active, events, clock);
            opened.push(docker);
            vpn.watchDocker(docker);
            Enforcement enforcement = new Enforcement(firewall,
                    () -> new Enforcement.Inputs(vpn.active(), live.current().killSwitch(), docker.engineVersion(),
                            live.current().portRange()), events, clock);
            vpn.watchEnforcement(enforcement);
            opened.push(enforcement.start());
            Supplier<List<String>> problemsNow = () -> {
                List<String> all = new java.util.ArrayList<>(problems);
                all.addAll(enforcement.problems());
                return List.copyOf(all);
            };
            // The guard starts before the supervisor (services need its address) and asks it, once it
            // exists, which service a connecting process belongs to.
            AtomicReference<Supervisor> supervisorRef = new AtomicReference<>();
            String dockerHost = startDockerApiGuard(home, live, vpn, engine, opened, problems,
                    supervisorRef);

            // The proxy starts before any service, so a taken proxy port fails the start cleanly.
            RouteTable routes = RouteTable.following(events, registry.list());
            AccessLog accessLog = new AccessLog(
                    new RotatingLogFile(home.accessLog(), settings.logFileMaxBytes(), settings.logFilesKept()), events);
            opened.push(accessLog);
            LoopbackProxy proxy = LoopbackProxy.start(ProxyConfig.defaults(settings.proxyPort()), routes, accessLog,
                    vpn::active, PortOwnerDescription::of, openLocalCa(home, problems));
            opened.push(proxy);

            // Talks to the engine only for Docker services (isolated forwarding, stopping leftovers); no engine
            // is fine until then.
            DockerServiceContainers containers = new DockerServiceContainers(engine,
                    settings.startTimeout());
            RunJournal journal = new RunJournal(home.runJournal());
            List<String> recovered = stopLeftovers(journal, settings, containers);
            Supervisor supervisor = new Supervisor(settings, home.logs(), registry::updateStatus, events, clock,
                    journal);
            supervisorRef.set(supervisor);
            opened.push(supervisor);
            events.subscribe(containers::onEvent);
            dev.lpm.control.InstanceTrust trust = dev.lpm.control.InstanceTrust.forThisProcess(home.dir()).start();
            opened.push(trust);
            ServiceManager services = new ServiceManager(registry, supervisor, live::current, new SecurityPolicy(),
                    detector::current, dockerHost, clock, containers, trust.verdict()::trusted);
            events.subscribe(event -> {
                if (event instanceof LpmEvent.VpnChanged changed) {
                    // Off the detector's thread: starting services probes ports and launches processes (a
                    // platform thread: launching waits on the process, which would pin a virtual one).
                    Thread.ofPlatform().daemon().name("lpm-vpn-resume").start(() -> services.onVpnChanged(changed.status()));
                }
            });
            opened.push(services::shutdown);
            opened.push(new HostsSync(live::current, registry::list,
                    HostsFile.fromEnvironment(System.getenv(), System.getProperty("os.name")),
                    firewall instanceof HelperClient client ? client : null, events));
            opened.push(PortWatch.start(services, events));

            InstanceInfo info = new InstanceInfo(dev.lpm.cli.Version.current(), ProcessHandle.current().pid(), startedAt,
                    home.dir(), home.controlSocket(), settings.proxyPort(),
                    proxy.addresses().stream().map(Lpm::hostAndPort).toList(), recovered);
            ServiceControlHandler handler = new ServiceControlHandler(services, events, info, problemsNow,
                    vpn, new InstanceDesktopControls(docker, live), enforcement::unlock, clock, trust);
            ControlServer control = ControlServer.start(home.controlSocket(), handler);
            opened.push(control);
            opened.push(new StallWatchdog(home.logs(), StallWatchdog.DEFAULT_THRESHOLD,
                    List.of(control::silentLongerThan, events::publishLongerThan)).start());

            services.dropLeftoverRuns();
            services.startAutostartServices();
            return new Lpm(home, live, events, services, control, handler,
                    new Parts(vpn, docker, findings, ports, problemsNow, trust), opened);
        } catch (IOException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /**
     * Stops what a previous instance left running when it died (its services run in their own sessions
     * and outlive it), with their containers, so this instance starts one copy of each and finds its
     * ports free. Returns one line per stopped service for {@code lpm status}.
     */
    private static List<String> stopLeftovers(RunJournal journal, Settings settings, DockerServiceContainers containers) {
        List<RunJournal.Entry> left = journal.leftBehind();
        List<String> recovered = new java.util.ArrayList<>();
        String why = ", left running by an lpm instance that ended without stopping it";
        for (LeftoverProcesses.Stopped stopped : LeftoverProcesses.stopAll(left, settings.stopGrace())) {
            recovered.add("stopped " + stopped.service() + " (pid " + stopped.pid() + ")" + why);
        }
        // Also when the process is gone: a docker client dies with the old instance's API guard, its
        // container does not.
        List<dev.lpm.core.ServiceName> services = left.stream().map(e -> dev.lpm.core.ServiceName.of(e.service()))
                .distinct().toList();
        if (!services.isEmpty()) {
            containers.stoppedAll(services).forEach(container -> recovered.add("stopped " + container + why));
        }
        recovered.forEach(LOG::warn);
        journal.reset();
        return recovered;
    }

    /**
     * Serves LPM_HOME/docker.sock, the Docker API with lpm's rules applied before a container exists;
     * services get it as DOCKER_HOST. Without it (not Linux) services talk to the engine directly and
     * lpm status says so.
     */
    private static String startDockerApiGuard(LpmHome home, LiveSettings settings, VpnWatch vpn, DockerGateway engine,
                                              Deque<AutoCloseable> opened, List<String> problems,
                                              AtomicReference<Supervisor> supervisor) {
        try {
            DockerApiGuard guard = DockerApiGuard.start(home.dir().resolve(DockerApiGuard.SOCKET_NAME),
                    engine.dockerHost(), vpn::active, settings::current, engine::inspect,
                    pid -> Optional.ofNullable(supervisor.get()).flatMap(s -> s.serviceOfProcess(pid))
                            .map(ServiceName::value));
            opened.push(guard);
            return guard.dockerHost();
        } catch (IOException | RuntimeException e) {
            String problem = "the Docker API guard is not running (" + e.getMessage()
                    + "); services' docker commands reach the engine directly";
            LOG.warn(problem);
            problems.add(problem);
            return null;
        }
    }

    private static String hostAndPort(java.net.InetSocketAddress address) {
        // getHostAddress() spells ::1 out in full; people know it as ::1.
        String host = address.getAddress().isLoopbackAddress() && address.getAddress() instanceof java.net.Inet6Address
                ? "::1" : address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    public LpmHome home() {
        return home;
    }

    public Settings settings() {
        return settings.current();
    }

    LiveSettings liveSettings() {
        return settings;
    }

    Parts parts() {
        return parts;
    }

    /** Lets the control socket's {@code show} bring the desktop window to the front. */
    void onShowRequest(Runnable showWindow) {
        controlHandler.onShowRequest(showWindow);
    }

    /** Which tray the desktop app shows, for {@code lpm status}. */
    void onTrayKnown(String kind) {
        controlHandler.onTrayKnown(kind);
    }

    public EventBus events() {
        return events;
    }

    public ServiceManager services() {
        return services;
    }

    public ControlServer control() {
        return control;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Stops every service and the control socket, then releases the instance lock. Idempotent. */
    @Override
    public void close() {
        synchronized (closeInReverse) {
            closeAll(closeInReverse);
        }
        closed.countDown();
    }

    private static void closeAll(Deque<AutoCloseable> opened) {
        while (!opened.isEmpty()) {
            AutoCloseable part = opened.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", part, e);
            }
        }
    }

    /**
     * The local CA for https:// on the proxy's port, made on first start. A CA lpm cannot use leaves the
     * port serving plain HTTP, with the reason and its fix among the problems.
     */
    static dev.lpm.tls.CaStore openLocalCa(LpmHome home, List<String> problems) {
        try {
            return dev.lpm.tls.CaStore.open(home.dir());
        } catch (dev.lpm.tls.CaUnusableException e) {
            LOG.warn("serving plain HTTP only: {}", e.getMessage());
            problems.add("https:// is off: " + e.getMessage());
            return null;
        }
    }
}
