package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.Requirements;
import dev.lpm.testsupport.UserInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The instance itself dies (kill -9) while its services run: they live on in their own sessions. The
 * next instance stops them (their output pipes died with the old one) and starts its own: one copy of
 * each, no port clash, and lpm status says what happened.
 */
class CrashRecoveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE = "lpm/busybox:test";

    @Test
    void theNextInstanceStopsWhatAKilledOneLeftRunningAndStartsOneCopyOfEach() throws Exception {
        Requirements.requireDockerEngine();
        KillSwitchIT.ensureTestImage();
        try (UserInstance lpm = UserInstance.create("lpmtest-crash")) {
            LpmCli cli = lpm.cli();
            lpm.startDaemon(Map.of());
            for (String name : List.of("lpmtest-c1", "lpmtest-c2")) {
                var r = cli.run(Duration.ofSeconds(60), "register", "--cwd", lpm.work().toString(), name,
                        "python3 " + lpm.script("ticker.py") + " {port} " + name);
                assertThat(r.exit()).as(r.toString()).isZero();
            }
            var dock = cli.run(Duration.ofSeconds(90), "register", "--cwd", lpm.work().toString(), "lpmtest-cdock",
                    "docker run --rm --name lpmtest-crash-dock-{port} -p {port}:80 " + IMAGE + " httpd -f -p 80 -h /www");
            assertThat(dock.exit()).as(dock.toString()).isZero();
            Map<String, Long> before = pids(cli);
            assertThat(before).hasSize(3);

            lpm.daemonProcess().destroyForcibly();
            lpm.daemonProcess().onExit().get();
            for (String name : List.of("lpmtest-c1", "lpmtest-c2")) {
                assertThat(ProcessHandle.of(before.get(name))).as("%s outlives the killed instance", name)
                        .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
            }
            assertThat(SoakIT.docker("ps", "--filter", "name=lpmtest-crash-dock", "--format", "{{.Names}}"))
                    .as("the container outlives the killed instance").contains("lpmtest-crash-dock");

            lpm.startDaemon(Map.of());
            try {
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(states(cli).values())
                        .containsOnly("running"));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("not all running: " + cli.run("list").out() + "\n" + lpm.log(), e);
            }

            Map<String, Long> after = pids(cli);
            assertThat(before.values()).as("the old copies are gone")
                    .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            assertThat(after.values()).doesNotContainAnyElementsOf(before.values());
            for (String name : List.of("lpmtest-c1", "lpmtest-c2")) {
                assertThat(copiesOf(lpm, "^python3 [^ ]*ticker.py [0-9]+ " + name + "$")).as("copies of %s", name).isEqualTo(1);
                assertThat(throughProxy(cli, name)).isEqualTo(name + " ok\n");
            }
            assertThat(SoakIT.docker("ps", "--filter", "name=lpmtest-crash-dock", "--format", "{{.Names}}").lines()
                    .count()).as("running copies of the container").isEqualTo(1);
            assertThat(throughProxy(cli, "lpmtest-cdock")).isEqualTo("hello from lpm\n");
            String status = cli.run("status").out();
            String why = ", left running by an lpm instance that ended without stopping it";
            for (String name : List.of("lpmtest-c1", "lpmtest-c2")) {
                assertThat(status).contains("recovered: stopped " + name + " (pid " + before.get(name) + ")" + why);
            }
            // The docker client may die with the old instance's API guard; its container does not.
            int dockPort = ports(cli).get("lpmtest-cdock");
            assertThat(status).contains("recovered: stopped container lpmtest-crash-dock-" + dockPort
                    + " of lpmtest-cdock" + why);

            lpm.stopDaemon(Duration.ofSeconds(40));
            await().atMost(Duration.ofSeconds(10)).until(() -> lpm.user().processes().isEmpty());
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    SoakIT.docker("ps", "-a", "--filter", "name=lpmtest-crash-dock", "--format", "{{.Names}}").isBlank());
        } finally {
            String left = SoakIT.docker("ps", "-aq", "--filter", "name=lpmtest-crash-dock").strip();
            if (!left.isEmpty()) {
                SoakIT.docker(("rm -f " + left).split("\\s+"));
            }
        }
    }

    private static Map<String, Long> pids(LpmCli cli) throws Exception {
        Map<String, Long> pids = new HashMap<>();
        for (JsonNode node : JSON.readTree(cli.run("list", "--json").out())) {
            if (node.hasNonNull("pid")) {
                pids.put(node.get("name").asText(), node.get("pid").asLong());
            }
        }
        return pids;
    }

    private static Map<String, Integer> ports(LpmCli cli) throws Exception {
        Map<String, Integer> ports = new HashMap<>();
        for (JsonNode node : JSON.readTree(cli.run("list", "--json").out())) {
            ports.put(node.get("name").asText(), node.get("port").asInt());
        }
        return ports;
    }

    private static Map<String, String> states(LpmCli cli) throws Exception {
        Map<String, String> states = new HashMap<>();
        for (JsonNode node : JSON.readTree(cli.run("list", "--json").out())) {
            states.put(node.get("name").asText(), node.get("state").asText());
        }
        return states;
    }

    private static long copiesOf(UserInstance lpm, String pattern) throws Exception {
        Process p = new ProcessBuilder("pgrep", "-u", lpm.user().name(), "-f", pattern).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.lines().filter(l -> !l.isBlank()).count();
    }

    static String throughProxy(LpmCli cli, String name) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cli.proxyPort() + "/"))
                    .header("Host", name + ".localhost").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
