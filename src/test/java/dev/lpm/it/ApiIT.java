package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.control.ApiRoutes;
import dev.lpm.testsupport.EngineNamespace;
import dev.lpm.testsupport.HostTun;
import dev.lpm.testsupport.Requirements;
import dev.lpm.testsupport.UserInstance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API on a real daemon, as other tools use it: curl and Python run as the instance's user (the
 * socket is owner-only) call every route of the shipped OpenAPI document, and the Python example in docs/
 * registers a Docker service while a VPN is up (a real tun device), is told it is blocked, falls back to a
 * native command under the same name and sees it run on the event stream. The instance runs as a normal
 * user in the docker group, on a machine of its own (a network namespace with its own dockerd).
 */
class ApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE = "lpm/busybox:test";
    private static final String EXAMPLE = "docs/examples/register_or_fallback.py";

    private EngineNamespace machine;
    private UserInstance lpm;
    /** "METHOD /template" of every route this test called. */
    private final Set<String> called = new LinkedHashSet<>();

    @BeforeEach
    void setUp() throws Exception {
        Requirements.requireTunDevices();
        Requirements.requireCommand("curl", "curl");
        Requirements.requireCommand("python3", "python3");
        KillSwitchIT.ensureTestImage();
        machine = EngineNamespace.start();
        lpm = UserInstance.create("lpmtest-api");
        // A service registered without a working directory runs in the user's home; the test user has none
        // (/nonexistent), so its work directory stands in for one, as a real user's home would.
        lpm.startDaemon(machine.machine().enter(), Map.of("DOCKER_HOST", machine.dockerHost(),
                "JAVA_TOOL_OPTIONS", "-Duser.home=" + lpm.work()));
    }

    @AfterEach
    void tearDown() {
        try {
            if (lpm != null) {
                lpm.close();
            }
        } finally {
            if (machine != null) {
                machine.close();
            }
        }
    }

    @Test
    void everyDocumentedRouteAnswersAndThePythonExampleFallsBackWhenBlocked() throws Exception {
        JsonNode openapi = body(call("GET", "/v1/openapi.json", ApiRoutes.OPENAPI_PATH, null, 200));
        assertThat(openapi.path("paths").has("/v1/services")).isTrue();
        assertThat(body(call("GET", "/v1/status", "/v1/status", null, 200)).path("running").asBoolean()).isTrue();
        assertThat(body(call("GET", "/v1/services", "/v1/services", null, 200))).isEmpty();

        // Optional fields defaulted: name and command only.
        Path served = lpm.work().resolve("www");
        Files.createDirectories(served);
        Files.writeString(served.resolve("index.html"), "hello from the api");
        lpm.user().own(served);
        lpm.user().own(served.resolve("index.html"));
        String native1 = "python3 -m http.server --bind 127.0.0.1 --directory " + served + " {port}";
        JsonNode web = body(call("POST", "/v1/services", "/v1/services",
                "{\"name\":\"lpmtest-web\",\"command\":\"" + native1 + "\"}", 200));
        assertThat(web.path("state").asText()).as(web.toString()).isEqualTo("running");
        assertThat(error(call("POST", "/v1/services", "/v1/services",
                "{\"name\":\"lpmtest-web\",\"command\":\"true\"}", 409))).isEqualTo("conflict");
        assertThat(error(call("POST", "/v1/services", "/v1/services", "{\"name\":\"lpmtest-x\"}", 400)))
                .isEqualTo("bad-request");
        assertThat(body(call("GET", "/v1/services/lpmtest-web", "/v1/services/{name}", null, 200)).path("port").asInt())
                .isEqualTo(web.path("port").asInt());
        assertThat(error(call("GET", "/v1/services/lpmtest-none", "/v1/services/{name}", null, 404))).isEqualTo("not-found");
        assertThat(body(call("GET", "/v1/services/lpmtest-web/url", "/v1/services/{name}/url", null, 200)).path("url").asText())
                .isEqualTo("http://lpmtest-web.localhost:" + lpm.cli().proxyPort());
        assertThat(body(call("POST", "/v1/services/lpmtest-web/stop", "/v1/services/{name}/stop", null, 200))
                .path("state").asText()).isEqualTo("stopped");
        assertThat(body(call("POST", "/v1/services/lpmtest-web/start", "/v1/services/{name}/start", null, 200))
                .path("state").asText()).isEqualTo("running");
        // A long request streams its progress as JSON lines to a client that asks for them.
        String restarted = curl("POST", "/v1/services/lpmtest-web/restart", null, "Accept: application/x-ndjson");
        called.add("POST /v1/services/{name}/restart");
        List<String> lines = restarted.lines().toList();
        assertThat(lines.getFirst()).isEqualTo("200");
        assertThat(JSON.readTree(lines.getLast()).path("data").path("state").asText()).as(restarted).isEqualTo("running");
        JsonNode logs = body(call("GET", "/v1/services/lpmtest-web/logs?lines=5", "/v1/services/{name}/logs", null, 200));
        assertThat(logs.path("lines").isArray()).isTrue();
        String followed = curl("GET", "/v1/services/lpmtest-web/logs?lines=1&follow=true", null, null, "--max-time", "2");
        assertThat(followed).contains("{\"data\":{\"lines\":[");
        // lpm run's route: a taken name is refused before anything runs; a run lasts as long as its connection.
        assertThat(error(call("POST", "/v1/runs", "/v1/runs",
                "{\"name\":\"lpmtest-web\",\"command\":\"true\",\"workingDirectory\":\"" + served + "\"}", 409)))
                .isEqualTo("conflict");
        String runCommand = "python3 -m http.server --bind 127.0.0.1 --directory " + served + " {port}";
        String ran = curl("POST", "/v1/runs", "{\"name\":\"lpmtest-apirun\",\"command\":\"" + runCommand
                + "\",\"workingDirectory\":\"" + served + "\"}",
                null, "--max-time", "4");
        assertThat(ran).contains("{\"data\":{\"service\":").contains("\"name\":\"lpmtest-apirun\"");
        // curl hung up after 4 s: the daemon stops the run and drops the name.
        await("the run's name is gone after its client hung up").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> curl("GET", "/v1/services/lpmtest-apirun", null, null).startsWith("404"));
        assertThat(body(call("POST", "/v1/aliases", "/v1/aliases", "{\"name\":\"lpmtest-alias\",\"port\":5999}", 200)).path("kind").asText()).isEqualTo("alias");

        assertThat(body(call("GET", "/v1/security", "/v1/security", null, 200)).path("killSwitch").asText()).isEqualTo("enabled");
        // The test user's home has no browser database, and the store is the machine's: the CA is there, trusted or not.
        assertThat(body(call("GET", "/v1/trust", "/v1/trust", null, 200)).path("places").isArray()).isTrue();
        // The guard may not serve in this namespace: then the answer is a typed refusal, not a crash.
        assertThat(call("GET", "/v1/docker-host", "/v1/docker-host", null, -1)).matches("(?s)(200\n\\{.*|409\n.*conflict.*)");
        assertThat(error(call("POST", "/v1/window/show", "/v1/window/show", null, 409))).isEqualTo("conflict");
        String unlocked = call("POST", "/v1/firewall/unlock", "/v1/firewall/unlock", null, -1);
        assertThat(unlocked).matches("(?s)(200\n\\{.*|(409|503)\n.*\"kind\".*)");
        assertThat(body(call("GET", "/v1/blocked", "/v1/blocked", null, 200))).isEmpty();
        assertThat(error(call("POST", "/v1/blocked/lpmtest-nothing/resume", "/v1/blocked/{container}/resume", null, 404)))
                .isEqualTo("not-found");
        assertThat(body(call("PUT", "/v1/kill-switch", "/v1/kill-switch", "{\"enabled\":false}", 200)).path("killSwitch")
                .asText()).isEqualTo("disabled");
        assertThat(body(call("PUT", "/v1/settings/killSwitch", "/v1/settings/{key}", "{\"value\":\"true\"}", 200))
                .path("killSwitch").asBoolean()).isTrue();
        assertThat(error(call("PUT", "/v1/settings/proxyPort", "/v1/settings/{key}", "{\"value\":\"seventy\"}", 400)))
                .isEqualTo("bad-request");
        assertThat(body(call("GET", "/v1/settings", "/v1/settings", null, 200)).path("killSwitch").asBoolean()).isTrue();
        assertThat(body(call("GET", "/v1/kill-switch", "/v1/kill-switch", null, 200)).path("killSwitch").asText())
                .isEqualTo("enabled");
        String events = curl("GET", "/v1/events", null, null, "--max-time", "2");
        called.add("GET " + ApiRoutes.EVENTS_PATH);
        assertThat(events).contains("event: ready");
        assertThat(body(call("DELETE", "/v1/services/lpmtest-alias", "/v1/services/{name}", null, 200)).path("name").asText())
                .isEqualTo("lpmtest-alias");

        // The design notes' fallback, in Python: a VPN comes up, the Docker command is blocked, the native one runs.
        try (HostTun vpn = HostTun.up(machine.machine().enter(), "tun85", "10.213.85.2/24")) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    body(curl("GET", "/v1/security", null, null)).path("vpn").path("active").asBoolean());
            String container = "docker run --rm --name lpmtest-api-web-{port} -p {port}:80 " + IMAGE + " httpd -f -p 80 -h /www";
            String native2 = "python3 -m http.server --bind 127.0.0.1 {port}";
            Result example = python(List.of("lpmtest-py", container, native2));
            assertThat(example.exit()).as(example.toString()).isZero();
            assertThat(example.out()).as(example.toString()).contains("blocked: ")
                    .contains("fallback: 200").contains("event: service lpmtest-py running")
                    .contains("lpmtest-py runs at http://lpmtest-py.localhost:");
            JsonNode py = body(curl("GET", "/v1/services/lpmtest-py", null, null));
            assertThat(py.path("state").asText()).isEqualTo("running");
            assertThat(py.path("command").asText()).isEqualTo(native2);
        }
        assertThat(body(call("DELETE", "/v1/services/lpmtest-web", "/v1/services/{name}", null, 200)).path("name").asText())
                .isEqualTo("lpmtest-web");

        List<String> documented = new ArrayList<>();
        openapi.path("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(op -> documented.add(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));
        assertThat(called).as("routes this test called").containsExactlyInAnyOrderElementsOf(documented);
    }

    /** Calls a route with curl; {@code route} is its template, recorded for the coverage check; -1: any status. */
    private String call(String method, String path, String route, String body, int status) throws Exception {
        String out = curl(method, path, body, null);
        called.add(method + " " + route);
        if (status >= 0) {
            assertThat(out).as("%s %s", method, path).startsWith(status + "\n");
        }
        return out;
    }

    private static JsonNode body(String curlOutput) throws IOException {
        return JSON.readTree(curlOutput.substring(curlOutput.indexOf('\n') + 1));
    }

    private static String error(String curlOutput) throws IOException {
        return body(curlOutput).path("error").path("kind").asText();
    }

    /** "STATUS\nBODY", curl run as the instance's user. */
    private String curl(String method, String path, String body, String header, String... extra) throws Exception {
        List<String> command = new ArrayList<>(lpm.user().prefix(lpm.work()));
        command.addAll(List.of("curl", "-sS", "--unix-socket", lpm.home().resolve("lpm.sock").toString(), "-X", method,
                "-w", "%{http_code}\n", "-o", "-"));
        command.addAll(List.of(extra));
        if (header != null) {
            command.addAll(List.of("-H", header));
        }
        if (body != null) {
            command.addAll(List.of("-H", "Content-Type: application/json", "--data-binary", body));
        }
        command.add("http://lpm" + path);
        Result result = run(command, Duration.ofSeconds(120));
        // -w comes after the body: move the status to the front.
        String out = result.out();
        String trimmed = out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
        int cut = trimmed.lastIndexOf('\n');
        String status = trimmed.substring(cut + 1);
        String answer = cut < 0 ? "" : trimmed.substring(0, cut);
        // A body that does not end in a newline shares the last line with the status.
        if (status.length() > 3) {
            answer = (answer.isEmpty() ? "" : answer + "\n") + status.substring(0, status.length() - 3);
            status = status.substring(status.length() - 3);
        }
        return status + "\n" + answer;
    }

    private Result python(List<String> args) throws Exception {
        Path script = lpm.work().resolve("register_or_fallback.py");
        Files.copy(Path.of(EXAMPLE), script, StandardCopyOption.REPLACE_EXISTING);
        lpm.user().own(script);
        List<String> command = new ArrayList<>(lpm.user().prefix(lpm.work()));
        command.addAll(List.of("LPM_HOME=" + lpm.home(), "python3", script.toString()));
        command.addAll(args);
        return run(command, Duration.ofSeconds(180));
    }

    record Result(int exit, String out, String err) {}

    private static Result run(List<String> command, Duration limit) throws Exception {
        Process process = new ProcessBuilder(command).start();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " took longer than " + limit);
        }
        return new Result(process.exitValue(), out, err.get());
    }
}
