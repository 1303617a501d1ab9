package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.Requirements;
import dev.lpm.testsupport.UserInstance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code lpm up} / {@code lpm down} as a user lives them: a normal user in the docker group, a project file with
 * five services (one a Docker container, two with dependencies), brought up, reconciled after an edit, stopped
 * and removed; and a broken file refused before anything starts.
 */
class ProjectUpIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTAINER = "lpmtest-up-db-";
    private static final String IMAGE = "lpm/busybox:test";

    private UserInstance lpm;

    @AfterEach
    void tearDown() throws Exception {
        try {
            String ids = SoakIT.docker("ps", "-aq", "--filter", "name=" + CONTAINER).strip();
            if (!ids.isEmpty()) {
                SoakIT.docker(("rm -f " + ids).split("\\s+"));
            }
        } finally {
            if (lpm != null) {
                lpm.close();
            }
        }
    }

    private String projectFile(String webGreeting, boolean withWorker) {
        String python = "python3 -m http.server --bind 127.0.0.1 {port}";
        return """
                {
                  "project": "lpmtest-shop",
                  "services": {
                    "web": {"command": "%s", "cwd": "web", "dependsOn": ["api"], "env": {"GREETING": "%s"}},
                    "api": {"command": "%s", "cwd": "api", "dependsOn": ["db"], "startTimeout": "60s"},
                    "db": {"command": "docker run --rm --name %s{port} -p {port}:80 %s httpd -f -p 80 -h /www",
                           "startTimeout": "90s"},
                    %s
                    "docs": {"command": "%s", "cwd": "docs"}
                  }
                }
                """.formatted(python, webGreeting, python, CONTAINER, IMAGE,
                withWorker ? "\"worker\": {\"command\": \"" + python + "\"}," : "", python);
    }

    @Test
    void upStartsFiveServicesInDependencyOrderReconcilesAnEditAndDownStopsThem() throws Exception {
        Requirements.requireDockerEngine();
        Requirements.requireCommand("curl", "curl");
        KillSwitchIT.ensureTestImage();
        lpm = UserInstance.create("lpmtest-up");
        LpmCli cli = lpm.cli();
        Path project = lpm.work();
        for (String dir : List.of("web", "api", "docs")) {
            Files.createDirectories(project.resolve(dir));
            Files.writeString(project.resolve(dir).resolve("who.txt"), dir);
        }
        Path file = project.resolve("lpm.json");
        Files.writeString(file, projectFile("hello", true));
        chownAll(project);
        lpm.startDaemon(Map.of());

        LpmCli.Result up = cli.run(Duration.ofSeconds(240), "up", "-f", file.toString());
        assertThat(up.exit()).as(up.toString()).isZero();
        assertThat(up.out()).contains("project lpmtest-shop is up: 5 services");
        // Dependencies first: db before api before web.
        assertThat(up.out().indexOf("db registered")).isNotNegative().isLessThan(up.out().indexOf("api registered"));
        assertThat(up.out().indexOf("api registered")).isLessThan(up.out().indexOf("web registered"));

        Map<String, JsonNode> services = services(cli);
        assertThat(services).containsOnlyKeys("web", "api", "db", "worker", "docs");
        services.values().forEach(s -> {
            assertThat(s.get("state").asText()).as(s.toString()).isEqualTo("running");
            assertThat(s.get("group").asText()).isEqualTo("lpmtest-shop");
        });
        assertThat(services.get("web").get("environment").get("GREETING").asText()).isEqualTo("hello");
        // Each answers through the proxy by name, from its own cwd; the container through its published port.
        for (String name : List.of("web", "api", "docs")) {
            assertThat(curl(cli.proxyPort(), name + ".localhost", "/who.txt")).isEqualTo(name);
        }
        assertThat(curl(cli.proxyPort(), "db.localhost", "/")).isNotEmpty();
        assertThat(SoakIT.docker("ps", "--filter", "name=" + CONTAINER, "--format", "{{.Names}}")).contains(CONTAINER);
        assertThat(cli.run("list").out()).contains("GROUP").contains("lpmtest-shop");

        // Edit: web's environment changes, worker goes; api, db and docs keep running untouched.
        long apiPid = services.get("api").get("pid").asLong();
        long webPid = services.get("web").get("pid").asLong();
        int webPort = services.get("web").get("port").asInt();
        Files.writeString(file, projectFile("goodbye", false));
        LpmCli.Result again = cli.run(Duration.ofSeconds(240), "up", "-f", file.toString());
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).contains("removed worker (no longer in lpm.json)", "api is running, unchanged",
                "db is running, unchanged", "web restarted (env changed)");
        Map<String, JsonNode> after = services(cli);
        assertThat(after).containsOnlyKeys("web", "api", "db", "docs");
        assertThat(after.get("api").get("pid").asLong()).isEqualTo(apiPid);
        assertThat(after.get("web").get("pid").asLong()).isNotEqualTo(webPid);
        assertThat(after.get("web").get("port").asInt()).as("a changed service keeps its port").isEqualTo(webPort);
        assertThat(after.get("web").get("environment").get("GREETING").asText()).isEqualTo("goodbye");
        assertThat(after.get("web").get("state").asText()).isEqualTo("running");

        LpmCli.Result down = cli.run(Duration.ofSeconds(120), "down", "-f", file.toString());
        assertThat(down.exit()).as(down.toString()).isZero();
        assertThat(down.out().indexOf("web is stopped")).as(down.out()).isNotNegative()
                .isLessThan(down.out().indexOf("api is stopped"));
        services(cli).values().forEach(s -> assertThat(s.get("state").asText()).as(s.toString()).isEqualTo("stopped"));
        assertThat(SoakIT.docker("ps", "-a", "--filter", "name=" + CONTAINER, "--format", "{{.Names}}").strip())
                .as("the Docker service's container is gone").isEmpty();

        LpmCli.Result removed = cli.run(Duration.ofSeconds(60), "down", "--unregister", "-f", file.toString());
        assertThat(removed.exit()).as(removed.toString()).isZero();
        assertThat(services(cli)).isEmpty();
    }

    @Test
    void aBrokenFileOrANameTakenOutsideTheProjectStartsNothing() throws Exception {
        lpm = UserInstance.create("lpmtest-upbad");
        LpmCli cli = lpm.cli();
        Path file = lpm.work().resolve("lpm.json");
        Files.writeString(file, """
                {
                  "services": {
                    "api": {"command": "python3 -m http.server --bind 127.0.0.1 {port}"},
                    "web": {"command": "python3 -m http.server --bind 127.0.0.1 {port}", "dependson": ["api"]}
                  }
                }
                """);
        chownAll(lpm.work());
        lpm.startDaemon(Map.of());

        LpmCli.Result bad = cli.run(Duration.ofSeconds(60), "up", "-f", file.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("line 4: services.web: unknown field 'dependson'")
                .contains("Nothing was started or changed");
        assertThat(services(cli)).isEmpty();

        // Fixed, but 'api' is already registered on its own: refused before anything starts.
        Files.writeString(file, Files.readString(file).replace("dependson", "dependsOn"));
        assertThat(cli.run("register", "--no-start", "api", "python3 -m http.server --bind 127.0.0.1 {port}").exit())
                .isZero();
        LpmCli.Result taken = cli.run(Duration.ofSeconds(60), "up", "-f", file.toString());
        assertThat(taken.exit()).isEqualTo(1);
        assertThat(taken.err()).contains("'api' is already registered on its own; unregister it (lpm unregister api)");
        assertThat(services(cli)).containsOnlyKeys("api");
    }

    private void chownAll(Path dir) throws Exception {
        try (var all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                lpm.user().own(p);
            }
        }
    }

    private static Map<String, JsonNode> services(LpmCli cli) throws Exception {
        LpmCli.Result list = cli.run("list", "--json");
        assertThat(list.exit()).as(list.toString()).isZero();
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        JSON.readTree(list.out()).forEach(node -> byName.put(node.get("name").asText(), node));
        return byName;
    }

    /** What the proxy answers for {@code host}: curl is the client a user would use. */
    private static String curl(int proxyPort, String host, String path) throws Exception {
        Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "10", "-H", "Host: " + host,
                "http://127.0.0.1:" + proxyPort + path).redirectErrorStream(true).start();
        String body = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).as(body).isZero();
        return body.strip();
    }
}
