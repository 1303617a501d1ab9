package dev.lpm.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real processes (sh, python3, sleep); every test leaves nothing running, even when it fails. */
class SupervisorTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final RestartPolicy NO_RESTART =
            new RestartPolicy(false, Duration.ZERO, Duration.ZERO, 0, Duration.ofSeconds(60));
    private static final Settings BASE = Settings.DEFAULTS
            .edit(b -> b.restartPolicy = NO_RESTART)
            .edit(b -> b.startTimeout = WAIT)
            .edit(b -> b.stopGrace = Duration.ofSeconds(2));
    private static final String HTTP_SERVER = "python3 -m http.server {port} --bind 127.0.0.1";

    @TempDir
    Path logDir;
    @TempDir
    Path workDir;

    private final List<Recorded> statuses = new CopyOnWriteArrayList<>();
    private final EventBus events = new EventBus();
    private final List<Supervisor> supervisors = new ArrayList<>();
    private final Set<Long> seenPids = ConcurrentHashMap.newKeySet();

    private record Recorded(ServiceName name, ServiceStatus status, long nanos) {}

    @AfterEach
    void stopEverything() {
        supervisors.forEach(Supervisor::close);
        // Safety net for a failed test: nothing this test saw may outlive it.
        seenPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private Supervisor supervisor(Settings settings) {
        Supervisor supervisor = new Supervisor(settings, logDir, (name, status) -> {
            statuses.add(new Recorded(name, status, System.nanoTime()));
            if (status.pid() != null) {
                seenPids.add(status.pid());
            }
        }, events, Clock.systemUTC());
        supervisors.add(supervisor);
        return supervisor;
    }

    private ServiceSpec spec(String name, String command, int port) {
        return spec(name, command, port, Map.of());
    }

    private ServiceSpec spec(String name, String command, int port, Map<String, String> env) {
        return new ServiceSpec(ServiceName.of(name), command, port, ServiceFlags.NONE, workDir, env, Instant.now(), false);
    }

    private List<ServiceStatus> statusesOf(String name) {
        return statuses.stream().filter(r -> r.name().value().equals(name)).map(Recorded::status).toList();
    }

    private List<ServiceState> statesOf(String name) {
        return statusesOf(name).stream().map(ServiceStatus::state).toList();
    }

    /** The service's process and all its descendants right now (remembered for the safety net). */
    private List<ProcessHandle> tree(Supervisor supervisor, String name) {
        long pid = supervisor.pid(ServiceName.of(name)).orElseThrow();
        List<ProcessHandle> tree = ProcessTree.snapshot(ProcessHandle.of(pid).orElseThrow());
        tree.forEach(p -> seenPids.add(p.pid()));
        return tree;
    }

    private static ServiceStatus outcome(CompletableFuture<ServiceStatus> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void startsAnHttpServerAndStopsIt() throws Exception {
        Supervisor supervisor = supervisor(BASE);
        int port = TestPorts.freePort();
        ServiceName name = ServiceName.of("lpmtest-http");

        ServiceStatus ready = outcome(supervisor.start(spec("lpmtest-http", HTTP_SERVER, port)));

        assertThat(ready.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(ready.reason()).isEqualTo("accepting connections on port " + port);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
        assertThat(statesOf("lpmtest-http")).containsExactly(ServiceState.STARTING, ServiceState.RUNNING);
        assertThat(statusesOf("lpmtest-http").getFirst().reason())
                .isEqualTo("starting: python3 -m http.server " + port + " --bind 127.0.0.1");
        assertThat(supervisor.isRunning(name)).isTrue();
        List<ProcessHandle> tree = tree(supervisor, "lpmtest-http");

        ServiceStatus stopped = supervisor.stop(name);

        assertThat(stopped.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(stopped.reason()).isEqualTo("stopped by user");
        assertThat(statesOf("lpmtest-http")).last().isEqualTo(ServiceState.STOPPED);
        assertThat(tree).allMatch(ProcessTree::hasExited);
        assertThat(TestPorts.canBind(port)).isTrue();
        assertThat(supervisor.isRunning(name)).isFalse();
        assertThat(supervisor.pid(name)).isEmpty();
    }

    @Test
    void stopKillsChildrenAndGrandchildren() throws Exception {
        Supervisor supervisor = supervisor(BASE);
        int port = TestPorts.freePort();
        String command = "sh -c 'sleep 300 & sleep 300 & wait' & sleep 300 & exec " + HTTP_SERVER;

        assertThat(outcome(supervisor.start(spec("lpmtest-tree", command, port))).state()).isEqualTo(ServiceState.RUNNING);
        // root (python) + inner sh + its two sleeps + one sleep
        await().atMost(WAIT).until(() -> tree(supervisor, "lpmtest-tree").size() >= 5);
        List<ProcessHandle> tree = tree(supervisor, "lpmtest-tree");

        supervisor.stop(ServiceName.of("lpmtest-tree"));

        assertThat(tree).hasSizeGreaterThanOrEqualTo(5).allMatch(ProcessTree::hasExited);
        assertThat(TestPorts.canBind(port)).isTrue();
    }

    @Test
    void killsAServiceThatIgnoresSigtermAfterTheGracePeriod() throws Exception {
        Supervisor supervisor = supervisor(BASE.edit(b -> b.stopGrace = Duration.ofMillis(500)));
        int port = TestPorts.freePort();
        String command = "trap '' TERM; sleep 300 & exec " + HTTP_SERVER;
        assertThat(outcome(supervisor.start(spec("lpmtest-stubborn", command, port))).state())
                .isEqualTo(ServiceState.RUNNING);
        await().atMost(WAIT).until(() -> tree(supervisor, "lpmtest-stubborn").size() >= 2);
        List<ProcessHandle> tree = tree(supervisor, "lpmtest-stubborn");

        long before = System.nanoTime();
        ServiceStatus stopped = supervisor.stop(ServiceName.of("lpmtest-stubborn"));
        Duration took = Duration.ofNanos(System.nanoTime() - before);

        assertThat(stopped.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(500)).isLessThan(Duration.ofSeconds(7));
        assertThat(tree).allMatch(ProcessTree::hasExited);
        assertThat(TestPorts.canBind(port)).isTrue();
    }

    @Test
    void aCommandThatExitsBeforeListeningCrashesWithItsOutput() throws Exception {
        Supervisor supervisor = supervisor(BASE);
        int port = TestPorts.freePort();

        ServiceStatus outcome = outcome(supervisor.start(spec("lpmtest-boom", "echo boom; exit 3", port)));

        assertThat(outcome.state()).isEqualTo(ServiceState.CRASHED);
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.reason()).isEqualTo(
                "exited with code 3 before accepting connections on port " + port + "; last output: boom");
        assertThat(statesOf("lpmtest-boom")).containsExactly(ServiceState.STARTING, ServiceState.CRASHED);
        assertThat(supervisor.isRunning(ServiceName.of("lpmtest-boom"))).isFalse();
    }

    @Test
    void aServiceThatNeverListensTimesOutAndIsStopped() throws Exception {
        Supervisor supervisor = supervisor(BASE.edit(b -> b.startTimeout = Duration.ofSeconds(1)));
        int port = TestPorts.freePort();

        ServiceStatus outcome = outcome(supervisor.start(spec("lpmtest-slow", "sleep 300", port)));

        assertThat(outcome.state()).isEqualTo(ServiceState.CRASHED);
        assertThat(outcome.reason()).isEqualTo("did not accept connections on port " + port + " within 1s (its start timeout: lpm register"
                + " --start-timeout, or startTimeout in settings.json); no output");
        long pid = statusesOf("lpmtest-slow").getFirst().pid();
        assertThat(ProcessHandle.of(pid).filter(p -> !ProcessTree.hasExited(p))).isEmpty();
        assertThat(supervisor.isRunning(ServiceName.of("lpmtest-slow"))).isFalse();
    }

    @Test
    void restartsWithDoublingDelaysThenGivesUp() throws Exception {
        RestartPolicy policy = new RestartPolicy(true, Duration.ofMillis(100), Duration.ofMillis(400), 3,
                Duration.ofSeconds(60));
        Supervisor supervisor = supervisor(BASE.edit(b -> b.restartPolicy = policy));
        int port = TestPorts.freePort();

        ServiceStatus first = outcome(supervisor.start(spec("lpmtest-flaky", "echo fail; exit 1", port)));

        String crash = "exited with code 1 before accepting connections on port " + port + "; last output: fail";
        assertThat(first.reason()).isEqualTo(crash + "; restarting in 100ms (restart 1 of 3)");
        await().atMost(WAIT).until(() -> statusesOf("lpmtest-flaky").size() >= 8);
        List<ServiceStatus> seen = statusesOf("lpmtest-flaky");
        assertThat(seen).extracting(ServiceStatus::state).containsExactly(
                ServiceState.STARTING, ServiceState.CRASHED, ServiceState.STARTING, ServiceState.CRASHED,
                ServiceState.STARTING, ServiceState.CRASHED, ServiceState.STARTING, ServiceState.CRASHED);
        assertThat(seen).extracting(ServiceStatus::restarts).containsExactly(0, 0, 1, 1, 2, 2, 3, 3);
        assertThat(seen).extracting(ServiceStatus::reason).filteredOn(r -> r.startsWith("exited")).containsExactly(
                crash + "; restarting in 100ms (restart 1 of 3)",
                crash + "; restarting in 200ms (restart 2 of 3)",
                crash + "; restarting in 400ms (restart 3 of 3)",
                crash + "; gave up after 3 restarts");
        List<Long> starts = statuses.stream()
                .filter(r -> r.status().state() == ServiceState.STARTING).map(Recorded::nanos).toList();
        long[] minimumGapMillis = {100, 200, 400};
        for (int i = 0; i < 3; i++) {
            assertThat(Duration.ofNanos(starts.get(i + 1) - starts.get(i)))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(minimumGapMillis[i]));
        }
        assertThat(supervisor.isRunning(ServiceName.of("lpmtest-flaky"))).isFalse();
    }

    @Test
    void restartsAServiceThatExitsAfterBecomingReady() throws Exception {
        RestartPolicy policy = new RestartPolicy(true, Duration.ofMillis(100), Duration.ofMillis(400), 1,
                Duration.ofSeconds(60));
        Supervisor supervisor = supervisor(BASE.edit(b -> b.restartPolicy = policy));
        int port = TestPorts.freePort();

        assertThat(outcome(supervisor.start(spec("lpmtest-brief", "exec timeout 3 " + HTTP_SERVER, port))).state())
                .isEqualTo(ServiceState.RUNNING);

        await().atMost(WAIT).until(() -> statusesOf("lpmtest-brief").size() >= 6);
        List<ServiceStatus> seen = statusesOf("lpmtest-brief");
        assertThat(seen).extracting(ServiceStatus::state).containsExactly(
                ServiceState.STARTING, ServiceState.RUNNING, ServiceState.CRASHED,
                ServiceState.STARTING, ServiceState.RUNNING, ServiceState.CRASHED);
        // A crash after readiness quotes the last lines too: the story of a crash loop is in the final reason.
        assertThat(seen.get(2).reason()).startsWith("exited with code 124; last output: Serving HTTP")
                .endsWith("; restarting in 100ms (restart 1 of 1)");
        assertThat(seen.get(4).restarts()).isEqualTo(1);
        assertThat(seen.get(5).reason()).startsWith("exited with code 124; last output: ")
                .endsWith("; gave up after 1 restart");
        assertThat(seen.get(5).exitCode()).isEqualTo(124);
    }

    @Test
    void stopCancelsAPendingRestart() throws Exception {
        RestartPolicy slow = new RestartPolicy(true, Duration.ofSeconds(30), Duration.ofSeconds(30), 3,
                Duration.ofSeconds(60));
        Supervisor supervisor = supervisor(BASE.edit(b -> b.restartPolicy = slow));
        ServiceName name = ServiceName.of("lpmtest-pending");

        ServiceStatus crashed = outcome(supervisor.start(spec("lpmtest-pending", "exit 1", TestPorts.freePort())));
        assertThat(crashed.reason()).endsWith("; restarting in 30s (restart 1 of 3)");

        ServiceStatus stopped = supervisor.stop(name);

        assertThat(stopped.reason()).isEqualTo("stopped by user");
        assertThat(statesOf("lpmtest-pending")).containsExactly(
                ServiceState.STARTING, ServiceState.CRASHED, ServiceState.STOPPED);
        assertThat(supervisor.isRunning(name)).isFalse();
    }

    @Test
    void stopBeforeReadyCompletesTheStartWithStopped() throws Exception {
        Supervisor supervisor = supervisor(BASE);
        var started = supervisor.start(spec("lpmtest-early", "sleep 300", TestPorts.freePort()));
        List<ProcessHandle> tree = tree(supervisor, "lpmtest-early");

        supervisor.stop(ServiceName.of("lpmtest-early"));

        assertThat(outcome(started).state()).isEqualTo(ServiceState.STOPPED);
        assertThat(tree).allMatch(ProcessTree::hasExited);
    }

    @Test
    void refusesAPortAnotherProgramUses() throws IOException {
        Supervisor supervisor = supervisor(BASE);
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = other.getLocalPort();

            assertThatThrownBy(() -> supervisor.start(spec("lpmtest-busy", HTTP_SERVER, port)))
                    .isInstanceOf(ServiceStartException.class)
                    .hasMessageStartingWith("port " + port + " is already in use by pid " + ProcessHandle.current().pid() + " (")
                    .hasMessageEndingWith("); stop it or re-register 'lpmtest-busy' with another port");
        }
        assertThat(statuses).isEmpty();
        assertThat(supervisor.isRunning(ServiceName.of("lpmtest-busy"))).isFalse();
    }

    @Test
    void refusesAnAliasAndAMissingDirectory() {
        Supervisor supervisor = supervisor(BASE);
        ServiceSpec alias = spec("lpmtest-alias", null, 4001);
        ServiceSpec nowhere = new ServiceSpec(ServiceName.of("lpmtest-nowhere"), "true", TestPorts.freePort(),
                ServiceFlags.NONE, workDir.resolve("missing"), Map.of(), Instant.now(), false);

        assertThatThrownBy(() -> supervisor.start(alias))
                .isInstanceOf(ServiceStartException.class)
                .hasMessage("'lpmtest-alias' is an alias for port 4001; it has no process to start");
        assertThatThrownBy(() -> supervisor.start(nowhere))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("missing").hasMessageContaining("does not exist");
        assertThat(statuses).isEmpty();
    }

    @Test
    void refusesToStartTwice() throws Exception {
        Supervisor supervisor = supervisor(BASE);
        ServiceSpec spec = spec("lpmtest-twice", HTTP_SERVER, TestPorts.freePort());
        outcome(supervisor.start(spec));

        assertThatThrownBy(() -> supervisor.start(spec))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("'lpmtest-twice' is already running");
    }

    @Test
    void stoppingWhatIsNotRunningIsFine() {
        Supervisor supervisor = supervisor(BASE);
        ServiceStatus stopped = supervisor.stop(ServiceName.of("lpmtest-idle"));
        assertThat(stopped.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(stopped.reason()).isEqualTo("stopped");
        assertThat(statuses).isEmpty();
        assertThat(supervisor.tail(ServiceName.of("lpmtest-idle"), 10)).isEmpty();
    }

    @Test
    void outputGoesToTailLogFileAndEventsWithPortAndHostInTheEnvironment() throws Exception {
        Supervisor supervisor = supervisor(BASE);
        int port = TestPorts.freePort();
        List<LpmEvent.ServiceOutput> output = new CopyOnWriteArrayList<>();
        events.subscribe(e -> {
            if (e instanceof LpmEvent.ServiceOutput line) {
                output.add(line);
            }
        });
        String command = "echo \"$PORT $HOST $GREETING\"; exec " + HTTP_SERVER;
        ServiceName name = ServiceName.of("lpmtest-env");

        outcome(supervisor.start(spec("lpmtest-env", command, port, Map.of("GREETING", "hello"))));

        String expected = port + " 127.0.0.1 hello";
        await().atMost(WAIT).untilAsserted(() -> assertThat(supervisor.tail(name, 10)).contains(expected));
        assertThat(Files.readAllLines(logDir.resolve("lpmtest-env.log"))).contains(expected);
        assertThat(output).extracting(LpmEvent.ServiceOutput::line).contains(expected);
        assertThat(output).extracting(LpmEvent.ServiceOutput::name).containsOnly(name);
    }

    @Test
    void logFilesRotateAndTheBufferStaysBounded() throws Exception {
        Settings small = new Settings(null, null, 0, WAIT, Duration.ofSeconds(2), NO_RESTART, 20, 300, 2, null, true, false);
        Supervisor supervisor = supervisor(small);
        String command = "i=0; while [ $i -lt 100 ]; do echo \"line $i\"; i=$((i+1)); done; exec " + HTTP_SERVER + " >/dev/null 2>&1"; // quiet, so line 99 stays last
        ServiceName name = ServiceName.of("lpmtest-logs");

        outcome(supervisor.start(spec("lpmtest-logs", command, TestPorts.freePort())));

        await().atMost(WAIT).untilAsserted(() -> assertThat(supervisor.tail(name, 1)).containsExactly("line 99"));
        assertThat(supervisor.tail(name, 1000)).hasSize(20).endsWith("line 99").startsWith("line 80");
        try (Stream<Path> files = Files.list(logDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("lpmtest-logs.log", "lpmtest-logs.log.1", "lpmtest-logs.log.2");
        }
        assertThat(Files.size(logDir.resolve("lpmtest-logs.log"))).isLessThanOrEqualTo(300);
        assertThat(Files.readAllLines(logDir.resolve("lpmtest-logs.log"))).last().isEqualTo("line 99");
    }

    @Test
    void closeStopsEveryServiceAndLeavesNothingBehind() throws Exception {
        Supervisor supervisor = supervisor(BASE);
        int portA = TestPorts.freePort();
        int portB = TestPorts.freePort();
        outcome(supervisor.start(spec("lpmtest-a", HTTP_SERVER, portA)));
        outcome(supervisor.start(spec("lpmtest-b", "sleep 300 & exec " + HTTP_SERVER, portB)));
        await().atMost(WAIT).until(() -> tree(supervisor, "lpmtest-b").size() >= 2);
        List<ProcessHandle> all = new ArrayList<>(tree(supervisor, "lpmtest-a"));
        all.addAll(tree(supervisor, "lpmtest-b"));

        supervisor.close();

        assertThat(all).allMatch(ProcessTree::hasExited);
        assertThat(TestPorts.canBind(portA)).isTrue();
        assertThat(TestPorts.canBind(portB)).isTrue();
        assertThat(statesOf("lpmtest-a")).last().isEqualTo(ServiceState.STOPPED);
        assertThat(statesOf("lpmtest-b")).last().isEqualTo(ServiceState.STOPPED);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith("lpm-supervisor-") && t.isAlive() && !t.isVirtual());
    }
}
