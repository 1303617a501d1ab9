package dev.lpm.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.RestartPolicy;
import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import dev.lpm.core.ServiceState;
import dev.lpm.core.ServiceStatus;
import dev.lpm.core.Settings;
import dev.lpm.events.EventBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a working day asks of the supervisor beyond start and stop: one SIGTERM per process, per-service
 * timeouts, a slow start that reports itself, a timed-out start that counts as a crash, {port} in the
 * environment and working directory, output read on platform threads, and the run journal that lets
 * the next instance stop what a dead one left running. Real processes; nothing outlives a test.
 */
class SupervisorReliabilityTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final RestartPolicy NO_RESTART =
            new RestartPolicy(false, Duration.ZERO, Duration.ZERO, 0, Duration.ofSeconds(60));
    private static final Settings BASE = Settings.DEFAULTS.edit(b -> b.restartPolicy = NO_RESTART)
            .edit(b -> b.startTimeout = WAIT).edit(b -> b.stopGrace = Duration.ofSeconds(3));
    private static final String HTTP_SERVER = "python3 -m http.server {port} --bind 127.0.0.1";

    @TempDir
    Path logDir;
    @TempDir
    Path workDir;

    private final List<ServiceStatus> statuses = new CopyOnWriteArrayList<>();
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final EventBus events = new EventBus();
    private final List<Supervisor> supervisors = new ArrayList<>();
    private final Set<Long> seenPids = ConcurrentHashMap.newKeySet();

    @AfterEach
    void stopEverything() {
        supervisors.forEach(Supervisor::close);
        seenPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }));
    }

    private Supervisor supervisor(Settings settings, RunJournal journal) {
        events.subscribe(e -> {
            if (e instanceof LpmEvent.ServiceOutput out) {
                output.add(out.line());
            }
        });
        Supervisor supervisor = new Supervisor(settings, logDir, (name, status) -> {
            statuses.add(status);
            if (status.pid() != null) {
                seenPids.add(status.pid());
            }
        }, events, Clock.systemUTC(), journal);
        supervisors.add(supervisor);
        return supervisor;
    }

    private ServiceSpec spec(String name, String command, int port, Map<String, String> env, Path dir,
                             Duration startTimeout, Duration stopGrace) {
        return new ServiceSpec(ServiceName.of(name), command, port, ServiceFlags.NONE, dir, env, Instant.now(), false,
                startTimeout, stopGrace);
    }

    private ServiceSpec spec(String name, String command, int port) {
        return spec(name, command, port, Map.of(), workDir, null, null);
    }

    private static ServiceStatus outcome(java.util.concurrent.CompletableFuture<ServiceStatus> f) throws Exception {
        return f.get(WAIT.toSeconds() + 10, TimeUnit.SECONDS);
    }

    @Test
    void stopSendsEachProcessExactlyOneSigterm() throws Exception {
        Supervisor supervisor = supervisor(BASE, null);
        int port = TestPorts.freePort();
        Path signals = workDir.resolve("signals.log");
        Path script = Path.of(Objects.requireNonNull(getClass().getResource("/soak/count_signals.py")).toURI());
        ServiceName name = ServiceName.of("lpmtest-signals");

        assertThat(outcome(supervisor.start(spec(name.value(), "exec python3 " + script + " {port} " + signals, port)))
                .state()).isEqualTo(ServiceState.RUNNING);
        long pid = supervisor.pid(name).orElseThrow();
        List<ProcessHandle> tree = ProcessTree.snapshot(ProcessHandle.of(pid).orElseThrow());
        tree.forEach(p -> seenPids.add(p.pid()));
        assertThat(tree).hasSizeGreaterThanOrEqualTo(2); // the server and its forked child

        supervisor.stop(name);

        // Both shut down on their own within the grace (half a second), so no SIGKILL was needed.
        assertThat(Files.readAllLines(signals)).containsExactlyInAnyOrder("parent TERM", "child TERM");
        assertThat(tree).allMatch(ProcessTree::hasExited);
    }

    @Test
    void aServicesOwnStartTimeoutWinsAndATimedOutStartIsACrashThatIsRetried() throws Exception {
        RestartPolicy once = new RestartPolicy(true, Duration.ofMillis(100), Duration.ofMillis(100), 1,
                Duration.ofSeconds(60));
        Supervisor supervisor = supervisor(BASE.edit(b -> b.restartPolicy = once), null);
        int port = TestPorts.freePort();

        ServiceStatus first = outcome(supervisor.start(spec("lpmtest-never", "echo waiting; sleep 300", port,
                Map.of(), workDir, Duration.ofSeconds(1), null)));

        assertThat(first.state()).isEqualTo(ServiceState.CRASHED);
        assertThat(first.reason()).startsWith("did not accept connections on port " + port + " within 1s (its start"
                + " timeout: lpm register --start-timeout, or startTimeout in settings.json); last output: waiting")
                .endsWith("; restarting in 100ms (restart 1 of 1)");
        await().atMost(WAIT).until(() -> statuses.getLast().reason().contains("gave up"));
        assertThat(statuses.getLast().reason()).endsWith("; gave up after 1 restart");
        assertThat(statuses.stream().filter(s -> s.state() == ServiceState.STARTING && s.reason().startsWith("starting"))
                .count()).isEqualTo(2);
    }

    @Test
    void aSlowStartSaysHowLongItHasBeenWaiting() throws Exception {
        Supervisor supervisor = supervisor(BASE, null);
        int port = TestPorts.freePort();

        ServiceStatus outcome = outcome(supervisor.start(spec("lpmtest-slowstart", "sleep 6; exec " + HTTP_SERVER, port,
                Map.of(), workDir, Duration.ofSeconds(40), null)));

        assertThat(outcome.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(statuses).extracting(ServiceStatus::reason)
                .contains("waiting for port " + port + ", 5s of 40s (start timeout)");
    }

    @Test
    void portIsFilledInTheEnvironmentAndTheWorkingDirectory() throws Exception {
        Supervisor supervisor = supervisor(BASE, null);
        int port = TestPorts.freePort();
        Path dir = Files.createDirectories(workDir.resolve("site-" + port));

        ServiceStatus outcome = outcome(supervisor.start(spec("lpmtest-env", "echo \"web=$WEB_PORT dir=$(pwd)\"; exec "
                + HTTP_SERVER, port, Map.of("WEB_PORT", "{port}"), workDir.resolve("site-{port}"), null, null)));

        assertThat(outcome.state()).isEqualTo(ServiceState.RUNNING);
        await().atMost(WAIT).until(() -> output.contains("web=" + port + " dir=" + dir.toRealPath()));
    }

    @Test
    void outputIsReadOnPlatformThreads() throws Exception {
        Supervisor supervisor = supervisor(BASE, null);
        int port = TestPorts.freePort();

        assertThat(outcome(supervisor.start(spec("lpmtest-pump", HTTP_SERVER, port))).state())
                .isEqualTo(ServiceState.RUNNING);

        // getAllStackTraces lists platform threads only: a pump on a virtual thread would not be there.
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals("lpm-output-lpmtest-pump"))
                .singleElement().matches(t -> !t.isVirtual());
    }

    @Test
    void aProcessIsTracedToItsService() throws Exception {
        Supervisor supervisor = supervisor(BASE, null);
        int port = TestPorts.freePort();
        ServiceName name = ServiceName.of("lpmtest-owner");

        assertThat(outcome(supervisor.start(spec(name.value(), "sleep 300 & exec " + HTTP_SERVER, port))).state())
                .isEqualTo(ServiceState.RUNNING);
        long root = supervisor.pid(name).orElseThrow();
        List<ProcessHandle> children = ProcessHandle.of(root).orElseThrow().descendants().toList();
        children.forEach(p -> seenPids.add(p.pid()));

        assertThat(supervisor.serviceOfProcess(root)).contains(name);
        assertThat(children).isNotEmpty().allMatch(p -> supervisor.serviceOfProcess(p.pid()).equals(java.util.Optional.of(name)));
        assertThat(supervisor.serviceOfProcess(ProcessHandle.current().pid())).isEmpty();
    }

    @Test
    void theJournalLetsTheNextInstanceStopWhatADeadOneLeftRunning() throws Exception {
        Path journalFile = workDir.resolve("running.json");
        Supervisor dying = supervisor(BASE, new RunJournal(journalFile));
        int port = TestPorts.freePort();
        ServiceName name = ServiceName.of("lpmtest-orphan");
        assertThat(outcome(dying.start(spec(name.value(), HTTP_SERVER, port))).state()).isEqualTo(ServiceState.RUNNING);
        long pid = dying.pid(name).orElseThrow();

        // What the next instance reads, while the first one's service still runs (as after its kill -9).
        List<RunJournal.Entry> left = new RunJournal(journalFile).leftBehind();
        assertThat(left).singleElement().satisfies(e -> {
            assertThat(e.service()).isEqualTo(name.value());
            assertThat(e.pid()).isEqualTo(pid);
            assertThat(e.ownGroup()).isTrue();
        });
        // A pid that was reused by another process is never touched.
        RunJournal.Entry reused = new RunJournal.Entry("lpmtest-other", pid, left.getFirst().startTime() + 1, true);
        assertThat(LeftoverProcesses.stopAll(List.of(reused), Duration.ofSeconds(2))).isEmpty();
        assertThat(ProcessHandle.of(pid)).isPresent();

        assertThat(LeftoverProcesses.stopAll(left, Duration.ofSeconds(2)))
                .containsExactly(new LeftoverProcesses.Stopped(name.value(), pid));
        assertThat(ProcessHandle.of(pid).filter(p -> !ProcessTree.hasExited(p))).isEmpty();
        assertThat(ListenerProbe.accepts(port)).isFalse();
    }

    @Test
    void aCleanStopEmptiesTheJournal() throws Exception {
        Path journalFile = workDir.resolve("running.json");
        Supervisor supervisor = supervisor(BASE, new RunJournal(journalFile));
        int port = TestPorts.freePort();
        ServiceName name = ServiceName.of("lpmtest-clean");
        assertThat(outcome(supervisor.start(spec(name.value(), HTTP_SERVER, port))).state()).isEqualTo(ServiceState.RUNNING);

        supervisor.stop(name);

        assertThat(new RunJournal(journalFile).leftBehind()).isEmpty();
    }
}
