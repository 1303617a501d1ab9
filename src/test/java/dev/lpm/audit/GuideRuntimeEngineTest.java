package dev.lpm.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.audit.rules.NetworkUnusedRule;
import dev.lpm.core.Finding;
import dev.lpm.docker.engine.DockerGateway;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The guide's runtime checks on real containers of the busybox test image: one purpose per container (from
 * {@code docker top}), {@code --network none} for a container that publishes nothing and sends nothing (from
 * the engine's stats), and the runtime as a fact. Each check has a container that trips it and one that
 * passes. The daemons are busybox applets, linked at start in the container's writable root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuideRuntimeEngineTest {

    private static final String LINK = "ln -s busybox /bin/syslogd && ln -s busybox /bin/crond"
            + " && mkdir -p /var/spool/cron/crontabs && ";

    private TestContainers containers;
    private DockerGateway api;
    private EngineInspectSource source;
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final ContainerAudit audit = new ContainerAudit();

    @BeforeAll
    void startContainers() {
        containers = TestContainers.open();
        try {
            names.put("quiet", containers.sleeper("quiet"));
            // Knocks on the bridge's gateway (this host) every second: it uses its network.
            String gateway = TestContainers.docker("network", "inspect", "bridge", "--format",
                    "{{(index .IPAM.Config 0).Gateway}}").output().strip();
            if (gateway.isEmpty()) {
                // An engine that leaves the default bridge's IPAM gateway unsaid (docker.io 20.10) still tells
                // its containers theirs.
                gateway = TestContainers.docker("inspect", "--format", "{{.NetworkSettings.Gateway}}",
                        names.get("quiet")).output().strip();
            }
            assertThat(gateway).as("the default bridge's gateway").matches("[0-9.]+");
            names.put("talker", containers.start("talker", List.of(), "sh", "-c",
                    // (nc, not wget: the static busybox's wget crashes resolving even an address)
                    "while true; do nc -w 1 " + gateway + " 9 </dev/null; sleep 1; done"));
            names.put("published", containers.sleeper("published", "-p", "127.0.0.1::80"));
            names.put("twodaemons", containers.start("twodaemons", List.of(), "sh", "-c",
                    LINK + "syslogd -n -O /tmp/messages & exec httpd -f -p 8080 -h /www"));
            names.put("cron", containers.start("cron", List.of(), "sh", "-c",
                    LINK + "crond -f -L /tmp/cron.log & exec httpd -f -p 8080 -h /www"));
            names.put("single", containers.start("single", List.of(), "httpd", "-f", "-p", "8080", "-h", "/www"));
            // Logs leave the host (gelf over UDP: the engine starts it without a collector listening).
            names.put("gelflog", containers.sleeper("gelflog", "--log-driver", "gelf", "--log-opt",
                    "gelf-address=udp://127.0.0.1:12201"));
            names.put("nolog", containers.sleeper("nolog", "--log-driver", "none"));
            // A daemon started with docker exec runs beside the container's own tree, not in it.
            TestContainers.Result exec = TestContainers.docker("exec", "-d", names.get("single"), "sh", "-c",
                    "ln -s busybox /bin/syslogd && exec syslogd -n -O /tmp/messages");
            assertThat(exec.ok()).as(exec.output()).isTrue();
            api = DockerGateway.fromEnvironment();
            source = new EngineInspectSource(api);
        } catch (RuntimeException | Error e) {
            containers.close();
            throw e;
        }
    }

    @AfterAll
    void removeContainers() {
        if (containers != null) {
            containers.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void twoDaemonsInOneContainerAreSeveralServices() {
        Finding f = awaitFinding("twodaemons", "several-services", "syslogd ");
        assertThat(f.seen()).isEqualTo("processes (docker top): httpd, syslogd; 2 different long-running programs");
        assertThat(f.why()).isNotBlank();
        assertThat(f.fix()).contains("one service per container");
        assertThat(f.reference()).isEqualTo("CIS 5.7");
    }

    @Test
    void cronBesideTheServiceIsSeveralServices() {
        assertThat(awaitFinding("cron", "several-services", "crond ").seen())
                .isEqualTo("processes (docker top): crond, httpd; crond is a server or supervisor of its own;"
                        + " 2 different long-running programs");
    }

    @Test
    void oneDaemonPassesEvenWithADaemonStartedByDockerExecBesideIt() {
        ContainerSnapshot single = await("single", s -> runs(s, "syslogd "));
        assertThat(single.processes()).extracting(ContainerProcess::command)
                .contains("httpd -f -p 8080 -h /www", "syslogd -n -O /tmp/messages");
        assertThat(single.processes()).filteredOn(ContainerProcess::own).extracting(ContainerProcess::command)
                .containsExactly("httpd -f -p 8080 -h /www");
        assertThat(ids(single)).doesNotContain("several-services");
    }

    @Test
    void aContainerWithoutPortsThatSentNothingIsToldAboutNetworkNone() {
        ContainerSnapshot quiet = await("quiet", s -> s.network() != null
                && s.network().observed().compareTo(NetworkUnusedRule.MIN_OBSERVED) > 0);
        assertThat(quiet.network().txPackets()).isZero();
        Finding f = findings(quiet).stream().filter(x -> x.id().equals("network-unused")).findFirst()
                .orElseThrow(() -> new AssertionError("no network-unused: " + findings(quiet) + ", " + quiet.network()));
        assertThat(f.seen()).startsWith("no published ports, and 0 packets sent in ").contains("docker stats, 1 interface");
        assertThat(f.fix()).contains("--network none");

        ContainerSnapshot talker = await("talker", s -> s.network() != null
                && s.network().observed().compareTo(NetworkUnusedRule.MIN_OBSERVED) > 0);
        assertThat(talker.network().txPackets()).isPositive();
        assertThat(ids(talker)).doesNotContain("network-unused");

        ContainerSnapshot published = await("published", s -> s.network() != null
                && s.network().observed().compareTo(NetworkUnusedRule.MIN_OBSERVED) > 0);
        assertThat(published.network().txPackets()).as("sends nothing, but publishes a port").isZero();
        assertThat(ids(published)).doesNotContain("network-unused");
    }

    @Test
    void logsKeptInTheEnginesFilesOrThrownAwayAreFoundAndLogsSentAwayPass() {
        String dataRoot = TestContainers.docker("info", "--format", "{{.DockerRootDir}}").output().strip();
        assertThat(LogForwarders.find(api, dataRoot)).as("no log forwarder runs on this engine").isEmpty();
        AuditContext noForwarder = new AuditContext(false, false, "");
        // quiet runs with the engine's default driver, json-file here (as on every engine left as installed).
        assertThat(TestContainers.docker("inspect", "--format", "{{.HostConfig.LogConfig.Type}}", names.get("quiet"))
                .output().strip()).isEqualTo("json-file");
        assertThat(audit.audit(source.container(names.get("quiet")).orElseThrow(), noForwarder))
                .filteredOn(f -> f.id().equals("logs-stay-local")).singleElement().extracting(Finding::seen).asString()
                .startsWith("log driver json-file: the logs stay in the engine's files on this host");
        assertThat(audit.audit(source.container(names.get("nolog")).orElseThrow(), noForwarder))
                .filteredOn(f -> f.id().equals("logs-stay-local")).singleElement().extracting(Finding::seen)
                .isEqualTo("log driver none: the container's output is thrown away");
        assertThat(ids(source.container(names.get("gelflog")).orElseThrow())).doesNotContain("logs-stay-local");
    }

    @Test
    void aForwarderReadingTheEnginesLogFilesClearsJsonFile() {
        String dataRoot = TestContainers.docker("info", "--format", "{{.DockerRootDir}}").output().strip();
        String forwarder = containers.sleeper("logforwarder", "-v", dataRoot + "/containers:/logs:ro");
        try {
            assertThat(LogForwarders.find(api, dataRoot)).hasValue(forwarder);
            AuditContext context = new AuditContext(false, false, LogForwarders.find(api, dataRoot).orElseThrow());
            assertThat(audit.audit(source.container(names.get("quiet")).orElseThrow(), context))
                    .extracting(Finding::id).doesNotContain("logs-stay-local");
        } finally {
            TestContainers.docker("rm", "-f", forwarder);
        }
    }

    @Test
    void theRuntimeIsReportedAsAFact() {
        AuditReport report = audit.audit(List.of(source.container(names.get("quiet")).orElseThrow()), AuditContext.NO_VPN);
        String runtime = TestContainers.docker("inspect", "--format", "{{.HostConfig.Runtime}}", names.get("quiet"))
                .output().strip();
        assertThat(report.containers().getFirst().facts()).singleElement().asString()
                .startsWith("runtime " + runtime + ": shares the host's kernel");
    }

    /** Once the daemon that {@code started} names runs (the links and directories before it are made by then). */
    private Finding awaitFinding(String key, String id, String started) {
        ContainerSnapshot s = await(key, c -> runs(c, started));
        return findings(s).stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " for " + key + ": " + findings(s) + ", processes "
                        + s.processes()));
    }

    /** The container's snapshot once {@code ready} holds (daemons take a moment to start), at most 90 s. */
    private ContainerSnapshot await(String key, java.util.function.Predicate<ContainerSnapshot> ready) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        ContainerSnapshot s = source.container(names.get(key)).orElseThrow();
        while (!ready.test(s) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            s = source.container(names.get(key)).orElseThrow();
        }
        assertThat(s.container().running()).as(key + " runs").isTrue();
        return s;
    }

    private static boolean runs(ContainerSnapshot s, String commandPrefix) {
        return s.processes() != null && s.processes().stream().anyMatch(p -> p.command().startsWith(commandPrefix));
    }

    private List<String> ids(ContainerSnapshot s) {
        return findings(s).stream().map(Finding::id).toList();
    }

    private List<Finding> findings(ContainerSnapshot s) {
        return audit.audit(s, AuditContext.NO_VPN);
    }
}
