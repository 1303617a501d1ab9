package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.audit.engine.EngineReleases;
import dev.lpm.testsupport.EngineNamespace;
import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.Requirements;
import dev.lpm.testsupport.TestUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lpm audit --host} and {@code lpm auditd-rules} through the packaged jar, against real engines: the
 * host's (a plain dockerd on its Unix socket: no TCP, no live restore, no userns-remap) and a second dockerd in
 * a network namespace of its own with {@code --host tcp://127.0.0.1:2375 --live-restore --userns-remap USER},
 * audited from inside that namespace, where its TCP socket is; and the kernel's audit rules, loaded from the
 * generator's output with auditctl and removed again.
 */
class HostAuditIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private LpmCli lpm;

    @BeforeEach
    void setUp() {
        lpm = new LpmCli(home);
    }

    @AfterEach
    void tearDown() throws Exception {
        lpm.close();
    }

    @Test
    void theHostsPlainEngineTripsLiveRestoreAndUsernsAndSaysWhichReleaseTableItUsed() throws Exception {
        Requirements.requireDockerEngine();
        LpmCli.Result r = lpm.run(Map.of(), Duration.ofSeconds(90), "audit", "--host", "--json");
        assertThat(r.exit()).as(r.toString()).isIn(0, 3);
        JsonNode report = JSON.readTree(r.out());
        List<String> ids = ids(report);

        EngineReleases table = EngineReleases.bundled();
        String version = cli("docker", "version", "--format", "{{.Server.Version}}");
        assertThat(host(report)).anySatisfy(line -> assertThat(line).startsWith("engine " + version + " at ")
                .contains("lpm's release table of " + table.asOf() + ": stable line " + table.stableLine()));
        boolean olderLine = Integer.parseInt(version.split("\\.")[0]) < table.stableLine();
        assertThat(ids.contains("engine-outdated")).as("%s: %s", version, ids).isEqualTo(olderLine);
        if (olderLine) {
            assertThat(finding(report, "engine-outdated").path("seen").asText())
                    .contains("lpm's release table of " + table.asOf());
        }

        boolean liveRestore = cli("docker", "info", "--format", "{{.LiveRestoreEnabled}}").equals("true");
        assertThat(ids.contains("daemon-live-restore")).as(ids.toString()).isEqualTo(!liveRestore);
        String security = cli("docker", "info", "--format", "{{json .SecurityOptions}}");
        boolean userns = security.contains("name=userns") || security.contains("name=rootless");
        assertThat(ids.contains("daemon-userns-remap")).as(ids.toString()).isEqualTo(!userns);
        // .ci/run (and a packaged engine) starts dockerd on its Unix socket only.
        assertThat(ids).doesNotContain("engine-api-tcp-without-tls");
        assertThat(report.path("containers")).hasSize(1);
        assertThat(report.path("containers").get(0).path("container").asText()).isEqualTo("(docker engine)");
        assertThat(report.path("containers").get(0).path("findings")).allSatisfy(f -> {
            assertThat(f.path("seen").asText()).isNotBlank();
            assertThat(f.path("why").asText()).isNotBlank();
            assertThat(f.path("fix").asText()).isNotBlank();
        });

        LpmCli.Result text = lpm.run(Map.of(), Duration.ofSeconds(90), "audit", "--host");
        assertThat(text.out()).startsWith("Host:\n  engine " + version).contains("(docker engine): ")
                .contains("lpm's release table of " + table.asOf());
    }

    @Test
    void aSecondEngineOnATcpSocketWithoutTlsIsCriticalAndItsLiveRestoreAndUsernsPass() throws Exception {
        Requirements.requireRoot();
        String suffix = Integer.toString(new SecureRandom().nextInt(1 << 20) | (1 << 20), 36);
        try (TestUser remap = TestUser.create("lpmtest-remap-" + suffix)) {
            assertThat(Files.readString(Path.of("/etc/subuid"))).as("useradd gave %s subordinate ids", remap.name())
                    .contains(remap.name() + ":");
            try (EngineNamespace engine = EngineNamespace.start(List.of("--host", "tcp://127.0.0.1:2375",
                    "--live-restore", "--userns-remap", remap.name()))) {
                String api = engine.docker("version", "--format", "{{.Server.APIVersion}}").output().strip();
                LpmCli.Result r = lpm.run(engine.machine().enter(), Map.of("DOCKER_HOST", engine.dockerHost()),
                        Duration.ofSeconds(90), "audit", "--host", "--json");
                assertThat(r.exit()).as(r.toString()).isEqualTo(3);
                JsonNode report = JSON.readTree(r.out());
                JsonNode tcp = finding(report, "engine-api-tcp-without-tls");
                assertThat(tcp.path("severity").asText()).isEqualTo("CRITICAL");
                assertThat(tcp.path("seen").asText()).contains("dockerd listens on tcp://127.0.0.1:2375")
                        .contains("tcp://127.0.0.1:2375 (API " + api + ") answered GET /_ping over plain HTTP")
                        .contains("something listens on 127.0.0.1:2375");
                assertThat(tcp.path("fix").asText()).contains("--tlsverify");
                assertThat(ids(report)).doesNotContain("daemon-live-restore", "daemon-userns-remap");
                assertThat(host(report)).anySatisfy(line -> assertThat(line)
                        .isEqualTo("rootless: no; userns-remap: yes; live-restore: yes"));
                assertThat(host(report)).anySatisfy(line -> assertThat(line).startsWith("dockerd: ")
                        .contains("tcp://127.0.0.1:2375").contains(engine.dockerHost()));
            }
        }
    }

    @Test
    void theGeneratorsRulesLoadIntoTheKernelAndSatisfyTheCheckUntilRemoved() throws Exception {
        Requirements.requireRoot();
        Requirements.requireCommand("auditctl", "auditd");
        Requirements.requireDockerEngine();
        String key = "lpmtest-" + Integer.toString(new SecureRandom().nextInt(1 << 20) | (1 << 20), 36);
        LpmCli.Result rules = lpm.run("auditd-rules", "--key", key);
        assertThat(rules.exit()).as(rules.toString()).isZero();
        assertThat(rules.out()).contains("-w /etc/docker -p wa -k " + key);
        Path file = Files.createTempFile("lpmtest-audit-", ".rules");
        try {
            Files.writeString(file, rules.out(), StandardCharsets.UTF_8);
            boolean othersWatchDocker = !missingBefore(key);
            // auditctl -R stops at the first rule the kernel refuses: every generated line must load.
            assertThat(run("auditctl", "-R", file.toString())).as("auditctl -R the generated rules").startsWith("0:");
            assertThat(run("auditctl", "-l")).contains("-w /etc/docker -p wa -k " + key);
            LpmCli.Result loaded = lpm.run(Map.of(), Duration.ofSeconds(90), "audit", "--host", "--json");
            JsonNode withRules = JSON.readTree(loaded.out());
            assertThat(ids(withRules)).as(loaded.toString()).doesNotContain("auditd-docker-rules-missing",
                    "auditd-rules-unknown");
            assertThat(host(withRules)).contains("audit rules: the kernel's rules (" + auditctl() + " -l)");

            run("auditctl", "-D", "-k", key);
            assertThat(run("auditctl", "-l")).doesNotContain(key);
            if (!othersWatchDocker) {
                JsonNode without = JSON.readTree(lpm.run(Map.of(), Duration.ofSeconds(90), "audit", "--host", "--json")
                        .out());
                assertThat(finding(without, "auditd-docker-rules-missing").path("seen").asText())
                        .startsWith("no audit watch for writes to ").contains("/etc/docker")
                        .endsWith("in the kernel's rules (" + auditctl() + " -l)");
            }
        } finally {
            run("auditctl", "-D", "-k", key);
            Files.deleteIfExists(file);
        }
    }

    /** True when the kernel has none of the docker watches yet (so removing ours must bring the finding back). */
    private boolean missingBefore(String key) {
        String listing = run("auditctl", "-l");
        return !listing.contains("-w /etc/docker ") && !listing.contains("dir=/etc/docker ");
    }

    private static String auditctl() {
        return Requirements.which("auditctl").toString();
    }

    private static List<String> ids(JsonNode report) {
        List<String> ids = new ArrayList<>();
        report.path("containers").forEach(g -> g.path("findings").forEach(f -> ids.add(f.path("id").asText())));
        return ids;
    }

    private static JsonNode finding(JsonNode report, String id) {
        for (JsonNode g : report.path("containers")) {
            for (JsonNode f : g.path("findings")) {
                if (f.path("id").asText().equals(id)) {
                    return f;
                }
            }
        }
        throw new AssertionError("no finding " + id + " in " + report);
    }

    private static List<String> host(JsonNode report) {
        List<String> lines = new ArrayList<>();
        report.path("host").forEach(l -> lines.add(l.asText()));
        return lines;
    }

    private static String cli(String... command) {
        String out = run(command);
        assertThat(out).as(String.join(" ", command)).startsWith("0:");
        return out.substring(2).strip();
    }

    /** "EXIT:OUTPUT". */
    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "-1:timed out";
            }
            return p.exitValue() + ":" + out;
        } catch (Exception e) {
            return "-1:" + e;
        }
    }
}
