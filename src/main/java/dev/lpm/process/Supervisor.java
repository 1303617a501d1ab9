package dev.lpm.process;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.RestartPolicy;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import dev.lpm.core.ServiceState;
import dev.lpm.core.ServiceStatus;
import dev.lpm.core.Settings;
import dev.lpm.events.EventBus;
import dev.lpm.storage.RotatingLogFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs services' commands and keeps them running: launches the process tree, waits for the port to
 * accept connections, captures output, restarts after crashes per the {@link RestartPolicy}, and stops
 * the whole tree on request. Every transition goes to the {@link StatusSink}; output lines go to an
 * in-memory buffer, a rotating log file and the {@link EventBus}.
 *
 * <p>Each service's state is guarded by its own monitor; process termination (which may take the stop
 * grace period) happens outside it.
 */
public final class Supervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);
    /** How often a slow start says how long it has been waiting. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
    /** How long an exit report waits for the last output, so a crash reason can quote it. */
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(1);
    private static final int QUOTED_LINES = 3;

    private final Settings settings;
    private final Path logDir;
    private final StatusSink sink;
    private final EventBus events;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService workers;
    private final RunJournal journal;
    private final Map<ServiceName, Managed> services = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public Supervisor(Settings settings, Path logDir, StatusSink sink, EventBus events, Clock clock) {
        this(settings, logDir, sink, events, clock, null);
    }

    /** With a {@link RunJournal} that records every launched process, for the next instance after a crash. */
    public Supervisor(Settings settings, Path logDir, StatusSink sink, EventBus events, Clock clock,
                      RunJournal journal) {
        this.journal = journal;
        this.settings = settings;
        this.logDir = logDir;
        this.sink = sink;
        this.events = events;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.scheduler = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "lpm-supervisor-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        // Exit handling and tree termination wait on processes: platform threads. Virtual threads would
        // pin their carriers in those waits and starve every other virtual thread in the JVM.
        this.workers = Executors.newCachedThreadPool(Thread.ofPlatform().name("lpm-supervisor-worker-", 0).daemon()
                .factory());
    }

    /**
     * Launches {@code spec}'s command. The returned future completes with the first readiness outcome:
     * RUNNING, CRASHED (exited or timed out before accepting connections), or STOPPED if stopped first.
     *
     * @throws IllegalStateException if the service is already starting, running or being stopped
     * @throws ServiceStartException if it cannot be launched at all (alias, missing directory, port taken)
     */
    public CompletableFuture<ServiceStatus> start(ServiceSpec spec) {
        if (closed) {
            throw new IllegalStateException("the supervisor is closed");
        }
        ServiceName name = spec.name();
        if (spec.isAlias()) {
            throw new ServiceStartException("'" + name + "' is an alias for port " + spec.port()
                    + "; it has no process to start");
        }
        Path dir = workingDirectory(spec);
        if (!Files.isDirectory(dir)) {
            throw new ServiceStartException("cannot start '" + name + "': its working directory " + dir
                    + " does not exist");
        }
        Managed m = services.computeIfAbsent(name, Managed::new);
        synchronized (m) {
            if (m.run != null) {
                throw new IllegalStateException("'" + name + "' is already "
                        + (m.status.state() == ServiceState.RUNNING ? "running" : "starting"));
            }
            if (m.termination != null && !m.termination.isDone()) {
                throw new IllegalStateException("'" + name + "' is being stopped; start it again once it has stopped");
            }
            if (ListenerProbe.inUse(spec.port())) {
                throw new ServiceStartException(portTaken(spec));
            }
            cancelRestart(m);
            m.spec = spec;
            m.restarts = 0;
            m.ready = new CompletableFuture<>();
            try {
                launch(m);
            } catch (IOException e) {
                throw new ServiceStartException("cannot start '" + name + "': " + e.getMessage(), e);
            }
            return m.ready;
        }
    }

    /**
     * Stops the service's whole process tree (SIGTERM, then SIGKILL after the stop grace) and cancels
     * any pending restart. When this returns no process of the tree is alive. Not running is fine.
     */
    public ServiceStatus stop(ServiceName name) {
        Managed m = services.get(name);
        if (m == null) {
            return ServiceStatus.stopped("stopped", clock.instant());
        }
        Run run;
        boolean active;
        CompletableFuture<Void> ongoing = null;
        CompletableFuture<Void> mine = new CompletableFuture<>();
        synchronized (m) {
            run = m.run;
            m.run = null;
            active = run != null || m.pendingRestart != null;
            cancelRestart(m);
            if (run != null) {
                run.cancelTimers();
                m.termination = mine;
            } else {
                ongoing = m.termination; // another stop is at work: wait for it too
            }
        }
        try {
            if (run != null) {
                ProcessTree.terminate(run.process.toHandle(), run.command.ownProcessGroup(), stopGrace(run.spec));
                ended(m);
            } else if (ongoing != null) {
                ongoing.join();
            }
        } finally {
            mine.complete(null);
        }
        synchronized (m) {
            ServiceStatus stopped = ServiceStatus.stopped(active ? "stopped by user" : "stopped", clock.instant());
            if (m.status != null && m.status.state() != ServiceState.STOPPED) {
                report(m, stopped);
            }
            if (m.ready != null) {
                m.ready.complete(stopped);
            }
            return stopped;
        }
    }

    /** Stops every service, in parallel (used at shutdown). */
    public void stopAll() {
        List<CompletableFuture<ServiceStatus>> stops = services.keySet().stream()
                .map(name -> CompletableFuture.supplyAsync(() -> stop(name), workers))
                .toList();
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
    }

    /** The last {@code lines} lines the service printed (empty if none). */
    public List<String> tail(ServiceName name, int lines) {
        Managed m = services.get(name);
        return m == null ? List.of() : m.buffer.tail(lines);
    }

    /** Whether the service has a live process (starting or running). */
    public boolean isRunning(ServiceName name) {
        Managed m = services.get(name);
        if (m == null) {
            return false;
        }
        synchronized (m) {
            return m.run != null && !m.run.timedOut;
        }
    }

    public Optional<Long> pid(ServiceName name) {
        Managed m = services.get(name);
        if (m == null) {
            return Optional.empty();
        }
        synchronized (m) {
            return Optional.ofNullable(m.run).map(run -> run.process.pid());
        }
    }

    /**
     * The service whose process tree {@code pid} belongs to: its session leader (services run in their
     * own session) or, where there is no session of its own, one of its ancestors is a service's
     * process. Empty for any other process.
     */
    public Optional<ServiceName> serviceOfProcess(long pid) {
        Map<Long, ServiceName> roots = new java.util.HashMap<>();
        for (Managed m : services.values()) {
            synchronized (m) {
                if (m.run != null) {
                    roots.put(m.run.process.pid(), m.name);
                }
            }
        }
        Optional<ProcStat> stat = ProcStat.read(pid);
        if (stat.isPresent() && roots.containsKey(stat.get().session())) {
            return Optional.of(roots.get(stat.get().session()));
        }
        long current = pid;
        for (int hops = 0; hops < 64 && current > 1; hops++) {
            if (roots.containsKey(current)) {
                return Optional.of(roots.get(current));
            }
            Optional<ProcStat> s = ProcStat.read(current);
            if (s.isEmpty()) {
                return Optional.empty();
            }
            current = s.get().parent();
        }
        return Optional.empty();
    }

    /** Stops everything, then shuts down the threads and closes the log files. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopAll();
        scheduler.shutdownNow();
        workers.shutdown(); // output pumps end on their own once the processes are gone
        try {
            if (!workers.awaitTermination(OUTPUT_DRAIN.toMillis(), TimeUnit.MILLISECONDS)
                    || !scheduler.awaitTermination(OUTPUT_DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.debug("supervisor threads still running at close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        services.values().forEach(m -> m.logFile.close());
    }

    // ---- lifecycle steps; each runs with m's monitor held unless noted ----

    private void launch(Managed m) throws IOException {
        ServiceSpec spec = m.spec;
        ShellLaunch command = ShellLaunch.of(spec.renderedCommand());
        ProcessBuilder builder = new ProcessBuilder(command.argv())
                .directory(workingDirectory(spec).toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(ShellLaunch.nullDevice()));
        Map<String, String> env = builder.environment();
        env.put("PORT", Integer.toString(spec.port()));
        env.put("HOST", "127.0.0.1");
        env.putAll(spec.renderedEnvironment());
        Process process = builder.start();

        Run run = new Run(spec, process, command, clock.instant(), m.buffer.total());
        m.run = run;
        if (journal != null) {
            journal.launched(m.name, process, command.ownProcessGroup());
        }
        // A platform thread per service: the read blocks on the pipe for as long as the service runs.
        CompletableFuture<Void> output = new CompletableFuture<>();
        run.output = output;
        Thread.ofPlatform().daemon().name("lpm-output-" + m.name).start(() -> {
            try {
                pumpOutput(m, process.getInputStream());
            } finally {
                output.complete(null);
            }
        });
        report(m, new ServiceStatus(ServiceState.STARTING, "starting: " + spec.renderedCommand(), clock.instant(),
                process.pid(), null, m.restarts));
        run.probe = scheduler.scheduleWithFixedDelay(() -> probe(m, run), 0, PROBE_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        run.deadline = scheduler.schedule(() -> startTimedOut(m, run), startTimeout(spec).toMillis(),
                TimeUnit.MILLISECONDS);
        process.onExit().thenRunAsync(() -> exited(m, run), workers);
    }

    /** Runs on the service's output thread until the process's output ends. */
    private void pumpOutput(Managed m, InputStream in) {
        try (in) {
            new LineSplitter(LineSplitter.DEFAULT_MAX_LINE_BYTES).pump(in, line -> {
                m.buffer.add(line);
                m.logFile.write(line);
                events.publish(new LpmEvent.ServiceOutput(m.name, line, clock.instant()));
            });
        } catch (IOException e) {
            LOG.debug("output of {} ended: {}", m.name, e.toString());
        }
    }

    /** Runs on the scheduler; connects outside the monitor. */
    private void probe(Managed m, Run run) {
        synchronized (m) {
            if (m.run != run || run.ready || run.timedOut) {
                return;
            }
        }
        if (!ListenerProbe.accepts(run.spec.port())) {
            reportProgress(m, run);
            return;
        }
        synchronized (m) {
            if (m.run != run || run.ready || run.timedOut || !run.process.isAlive()) {
                return;
            }
            run.ready = true;
            run.cancelTimers();
            ServiceStatus running = new ServiceStatus(ServiceState.RUNNING,
                    "accepting connections on port " + run.spec.port(), clock.instant(), run.process.pid(), null,
                    m.restarts);
            report(m, running);
            m.ready.complete(running);
        }
    }

    /**
     * While a start takes long, says so every {@link #PROGRESS_INTERVAL}: "waiting for port 4003, 25s of
     * 40s". Runs on the scheduler, outside the monitor until the report.
     */
    private void reportProgress(Managed m, Run run) {
        Duration waited = Duration.between(run.launchedAt, clock.instant());
        long step = waited.toMillis() / PROGRESS_INTERVAL.toMillis();
        if (step == 0) {
            return;
        }
        synchronized (m) {
            if (m.run != run || run.ready || run.timedOut || step <= run.progressStep) {
                return;
            }
            run.progressStep = step;
            report(m, new ServiceStatus(ServiceState.STARTING, "waiting for port " + run.spec.port() + ", "
                    + waited.toSeconds() + "s of " + human(startTimeout(run.spec)) + " (start timeout)",
                    clock.instant(), run.process.pid(), null, m.restarts));
        }
    }

    /**
     * Runs on the scheduler; the tree is stopped on a worker. A start that times out is a crash: the
     * restart policy decides whether it is tried again.
     */
    private void startTimedOut(Managed m, Run run) {
        synchronized (m) {
            if (m.run != run || run.ready) {
                return;
            }
            run.timedOut = true;
            run.cancelTimers();
        }
        workers.execute(() -> {
            ProcessTree.terminate(run.process.toHandle(), run.command.ownProcessGroup(), stopGrace(run.spec));
            synchronized (m) {
                if (m.run != run) {
                    return; // stopped by the user meanwhile
                }
                m.run = null;
                ended(m);
                crashed(m, run, "did not accept connections on port " + run.spec.port() + " within "
                        + human(startTimeout(run.spec)) + " (its start timeout: lpm register --start-timeout, or"
                        + " startTimeout in settings.json)" + lastOutput(m, run), null);
            }
        });
    }

    /** Runs on a worker after the process exited on its own (stop and timeout handle their own exits). */
    private void exited(Managed m, Run run) {
        synchronized (m) {
            if (m.run != run || run.timedOut) {
                return;
            }
        }
        if (run.command.ownProcessGroup()) {
            ProcessTree.killGroup(run.process.pid()); // leftovers would hold the port and the output pipe
        }
        awaitOutput(run);
        synchronized (m) {
            if (m.run != run || run.timedOut) {
                return;
            }
            m.run = null;
            run.cancelTimers();
            ended(m);
            int code = run.process.exitValue();
            String reason = "exited with code " + code;
            if (!run.ready) {
                reason += " before accepting connections on port " + run.spec.port();
            }
            crashed(m, run, reason + lastOutput(m, run), code);
        }
    }

    /**
     * Reports a crash (an exit, or a start that timed out) and lets the restart policy decide: a restart
     * after the backoff, or, once the budget is spent, CRASHED for good with the reason and the last lines.
     * Holds m's monitor.
     */
    private void crashed(Managed m, Run run, String reason, Integer code) {
        RestartPolicy policy = settings.restartPolicy();
        if (Duration.between(run.launchedAt, clock.instant()).compareTo(policy.stableAfter()) >= 0) {
            m.restarts = 0; // it was stable: this crash starts a new series
        }
        if (policy.allowsRestart(m.restarts)) {
            int attempt = m.restarts + 1;
            Duration delay = policy.delayBefore(attempt);
            reason += "; restarting in " + human(delay) + " (restart " + attempt + " of " + policy.maxRestarts() + ")";
            scheduleRestart(m, delay);
        } else if (policy.enabled() && policy.maxRestarts() > 0) {
            reason += "; gave up after " + m.restarts + (m.restarts == 1 ? " restart" : " restarts");
        }
        ServiceStatus crashed = new ServiceStatus(ServiceState.CRASHED, reason, clock.instant(), null, code,
                m.restarts);
        report(m, crashed);
        m.ready.complete(crashed);
    }

    private void ended(Managed m) {
        if (journal != null) {
            journal.ended(m.name);
        }
    }

    private Duration startTimeout(ServiceSpec spec) {
        return spec.startTimeoutOr(settings.startTimeout());
    }

    private Duration stopGrace(ServiceSpec spec) {
        return spec.stopGraceOr(settings.stopGrace());
    }

    private void scheduleRestart(Managed m, Duration delay) {
        Object token = new Object();
        m.pendingRestart = token;
        m.restartTask = scheduler.schedule(() -> restart(m, token), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs on the scheduler. */
    private void restart(Managed m, Object token) {
        synchronized (m) {
            if (m.pendingRestart != token || m.run != null || closed) {
                return; // cancelled by stop or start
            }
            m.pendingRestart = null;
            m.restartTask = null;
            m.restarts++;
            String failure = null;
            if (ListenerProbe.inUse(m.spec.port())) {
                failure = portTaken(m.spec);
            } else {
                try {
                    launch(m);
                } catch (IOException e) {
                    failure = "cannot restart '" + m.name + "': " + e.getMessage();
                }
            }
            if (failure != null) {
                report(m, new ServiceStatus(ServiceState.CRASHED, failure, clock.instant(), null, null, m.restarts));
            }
        }
    }

    private void cancelRestart(Managed m) {
        if (m.restartTask != null) {
            m.restartTask.cancel(false);
        }
        m.restartTask = null;
        m.pendingRestart = null;
    }

    private void report(Managed m, ServiceStatus status) {
        m.status = status;
        try {
            sink.update(m.name, status);
        } catch (RuntimeException e) {
            LOG.warn("status sink failed for {}", m.name, e);
        }
    }

    private static void awaitOutput(Run run) {
        try {
            run.output.get(OUTPUT_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // quote what arrived so far
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** "; last output: a | b | c" with what this run printed, for crash reasons. */
    private static String lastOutput(Managed m, Run run) {
        long printed = m.buffer.total() - run.outputMark;
        List<String> lines = m.buffer.tail((int) Math.min(QUOTED_LINES, printed));
        return lines.isEmpty() ? "; no output" : "; last output: " + String.join(" | ", lines);
    }

    private static String portTaken(ServiceSpec spec) {
        return "port " + spec.port() + " is already in use by " + dev.lpm.ports.PortOwner.describeHolder(spec.port())
                + "; stop it or re-register '"
                + spec.name() + "' with another port";
    }

    private static Path workingDirectory(ServiceSpec spec) {
        Path dir = spec.renderedWorkingDirectory();
        return dir != null ? dir : Path.of(System.getProperty("user.home"));
    }

    /** "2s", or "250ms" when not whole seconds. */
    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** One supervised service; mutable fields are guarded by its monitor. */
    private final class Managed {
        final ServiceName name;
        final LogBuffer buffer;
        final RotatingLogFile logFile;
        ServiceSpec spec;
        ServiceStatus status;
        Run run;
        int restarts;
        CompletableFuture<ServiceStatus> ready;
        Object pendingRestart;
        ScheduledFuture<?> restartTask;
        CompletableFuture<Void> termination;

        Managed(ServiceName name) {
            this.name = name;
            this.buffer = new LogBuffer(settings.logBufferLines());
            this.logFile = new RotatingLogFile(logDir.resolve(name + ".log"), settings.logFileMaxBytes(),
                    settings.logFilesKept());
        }
    }

    /** One launch of a service's process; mutable fields are guarded by the owning Managed's monitor. */
    private static final class Run {
        final ServiceSpec spec;
        final Process process;
        final ShellLaunch command;
        final Instant launchedAt;
        final long outputMark;
        CompletableFuture<Void> output;
        ScheduledFuture<?> probe;
        ScheduledFuture<?> deadline;
        boolean ready;
        boolean timedOut;
        long progressStep;

        Run(ServiceSpec spec, Process process, ShellLaunch command, Instant launchedAt, long outputMark) {
            this.spec = spec;
            this.process = process;
            this.command = command;
            this.launchedAt = launchedAt;
            this.outputMark = outputMark;
        }

        void cancelTimers() {
            if (probe != null) {
                probe.cancel(false);
            }
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
    }
}
