package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.Requirements;
import dev.lpm.testsupport.UserInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code lpm doctor} as a normal user in the docker group, against a real engine and the real resolvers: on a
 * healthy setup (names resolve: a private mount namespace gives the doctor a hosts file with the names, as
 * nss-myhostname or lpm hosts sync would) every check passes; on a broken one (no instance; then an engine
 * that is not there and a service name that does not resolve) the failing checks say so with their fix.
 */
class DoctorIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UserInstance lpm;
    private Path hosts;

    @AfterEach
    void tearDown() throws Exception {
        if (lpm != null) {
            lpm.close();
        }
        if (hosts != null) {
            Files.deleteIfExists(hosts);
        }
    }

    @Test
    void onAHealthySetupEveryCheckPasses() throws Exception {
        Requirements.requireDockerEngine();
        Requirements.requireCommand("unshare", "util-linux");
        lpm = UserInstance.create("lpmtest-doc-ok");
        LpmCli cli = lpm.cli();
        lpm.startDaemon(Map.of());
        assertThat(cli.run("register", "--cwd", lpm.work().toString(), "lpmtest-api",
                "python3 -m http.server --bind 127.0.0.1 {port}").exit()).isZero();
        hosts = Files.createTempFile("lpmtest-doctor-hosts", "");
        Files.writeString(hosts, Files.readString(Path.of("/etc/hosts"))
                + "\n127.0.0.1 lpm-check.localhost lpmtest-api.localhost\n");
        Files.setPosixFilePermissions(hosts, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

        LpmCli.Result doctor = cli.run(withHosts(hosts), Map.of(), Duration.ofSeconds(60), "doctor");
        assertThat(doctor.exit()).as(doctor.toString()).isZero();
        assertThat(doctor.out()).contains("All checks pass");

        Map<String, JsonNode> checks = checks(cli.run(withHosts(hosts), Map.of(), Duration.ofSeconds(60), "doctor", "--json"));
        assertThat(checks).containsKeys("instance", "proxy port", "*.localhost in Java", "*.localhost for other tools",
                "HTTPS certificate authority", "Docker engine", "Docker socket", "enforcement", "VPN", "orphans");
        for (String ok : List.of("instance", "proxy port", "*.localhost in Java", "*.localhost for other tools",
                "Docker engine", "Docker socket", "orphans")) {
            assertThat(checks.get(ok).get("status").asText()).as(checks.get(ok).toString()).isEqualTo("ok");
        }
        // A new user's CA is trusted nowhere yet: lpm works, https:// warns, and the fix is lpm trust.
        JsonNode ca = checks.get("HTTPS certificate authority");
        assertThat(ca.get("status").asText()).as(ca.toString()).isEqualTo("warn");
        assertThat(ca.get("message").asText()).contains("system store");
        assertThat(ca.get("fix").asText()).startsWith("lpm trust");
        // The tests' instances get no root helper (LpmCli): lpm works, with a warning and the fix.
        assertThat(checks.get("enforcement").get("status").asText()).isEqualTo("warn");
        assertThat(checks.get("enforcement").get("fix").asText()).isNotEmpty();
    }

    @Test
    void onABrokenSetupTheFailingChecksSaySoWithTheirFix() throws Exception {
        Requirements.requireCommand("unshare", "util-linux");
        lpm = UserInstance.create("lpmtest-doc-bad");
        LpmCli cli = lpm.cli();

        // No instance: the doctor says so and does not start one.
        LpmCli.Result none = cli.run(Duration.ofSeconds(60), "doctor");
        assertThat(none.exit()).as(none.toString()).isEqualTo(1);
        assertThat(none.out()).contains("fail  instance").contains("no lpm instance runs")
                .contains("fix: start it: lpm (desktop app) or lpm daemon");
        assertThat(cli.daemon()).as("doctor started no instance").isEmpty();

        // An engine that is not there, and a service whose name resolves nowhere.
        Path settings = lpm.home().resolve("settings.json");
        Files.writeString(settings, "{\"engineHost\": \"unix:///run/lpmtest-doctor-no-engine/docker.sock\"}");
        lpm.user().own(settings);
        lpm.startDaemon(Map.of());
        assertThat(cli.run("register", "--no-start", "--cwd", lpm.work().toString(), "lpmtest-unresolved",
                "python3 -m http.server --bind 127.0.0.1 {port}").exit()).isZero();

        // A hosts file without the name, as on a machine where only browsers resolve *.localhost.
        hosts = Files.createTempFile("lpmtest-doctor-hosts", "");
        Files.writeString(hosts, "127.0.0.1\tlocalhost\n::1\tlocalhost\n");
        Files.setPosixFilePermissions(hosts, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        LpmCli.Result doctor = cli.run(withHosts(hosts), Map.of(), Duration.ofSeconds(60), "doctor", "--json");
        assertThat(doctor.exit()).as(doctor.toString()).isEqualTo(1);
        assertThat(JSON.readTree(doctor.out()).get("ok").asBoolean()).isFalse();
        Map<String, JsonNode> checks = checks(doctor);
        assertThat(checks.get("instance").get("status").asText()).isEqualTo("ok");
        assertThat(checks.get("Docker engine").get("status").asText()).isEqualTo("fail");
        assertThat(checks.get("Docker engine").get("message").asText())
                .contains("unix:///run/lpmtest-doctor-no-engine/docker.sock").contains("does not answer");
        assertThat(checks.get("Docker engine").get("fix").asText()).contains("engineHost").contains("settings.json");
        assertThat(checks.get("Docker socket").get("status").asText()).isEqualTo("fail");
        for (String resolver : List.of("*.localhost in Java", "*.localhost for other tools")) {
            JsonNode check = checks.get(resolver);
            assertThat(check.get("status").asText()).as(check.toString()).isEqualTo("fail");
            assertThat(check.get("message").asText()).contains("lpmtest-unresolved.localhost");
            assertThat(check.get("fix").asText()).contains("sudo lpm hosts sync");
        }
        LpmCli.Result text = cli.run(Duration.ofSeconds(60), "doctor");
        assertThat(text.out()).contains("fail  Docker engine").contains("check(s) fail.");
    }

    /** Runs the doctor in a private mount namespace whose /etc/hosts is {@code file}. */
    private static List<String> withHosts(Path file) {
        return List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount --bind \"$0\" /etc/hosts && exec \"$@\"", file.toString());
    }

    private static Map<String, JsonNode> checks(LpmCli.Result result) throws Exception {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        JSON.readTree(result.out()).get("checks").forEach(c -> byName.put(c.get("name").asText(), c));
        return byName;
    }
}
