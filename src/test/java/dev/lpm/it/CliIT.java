package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.lpm.testsupport.LpmCli;

/** The CLI and the daemon, used through the packaged jar the way the README tells a new user to. */
class CliIT {

    private static final String SERVE = "python3 -m http.server {port} --bind 127.0.0.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    LpmCli lpm;

    @BeforeEach
    void setUp() {
        lpm = new LpmCli(home);
    }

    @AfterEach
    void tearDown() {
        lpm.close();
    }

    @Test
    void newUserWalkthrough() throws Exception {
        LpmCli.Result registered = lpm.run("register", "lpmtest-api", SERVE);
        assertThat(registered.exit()).as(registered.toString()).isZero();
        assertThat(registered.err()).contains("started the lpm daemon in the background");
        assertThat(registered.out()).contains("http://lpmtest-api.localhost:" + lpm.proxyPort()).contains("is running");

        JsonNode api = service("lpmtest-api");
        assertThat(api.get("state").asText()).isEqualTo("running");
        int port = api.get("port").asInt();
        assertThat(port).isBetween(4000, 4999).isNotIn(4045, 4190);
        assertThat(lpm.run("list").out()).contains("lpmtest-api").contains("running").contains(Integer.toString(port));

        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(lpm.run("logs", "lpmtest-api", "-n", "20").out()).contains("\"GET / HTTP/1.1\" 200"));

        ProcessHandle serviceProcess = ProcessHandle.of(api.get("pid").asLong()).orElseThrow();
        List<ProcessHandle> tree = concat(serviceProcess, serviceProcess.descendants().toList());
        LpmCli.Result stopped = lpm.run("stop", "lpmtest-api");
        assertThat(stopped.exit()).as(stopped.toString()).isZero();
        assertThat(stopped.out()).contains("lpmtest-api is stopped");
        assertAllGone(tree);
        assertThat(portIsFree(port)).as("port %d is free after stop", port).isTrue();
        assertThat(service("lpmtest-api").get("state").asText()).isEqualTo("stopped");

        // Restarting the daemon keeps the registration.
        lpm.stopDaemon();
        JsonNode afterRestart = service("lpmtest-api");
        assertThat(afterRestart.get("port").asInt()).isEqualTo(port);
        assertThat(afterRestart.get("state").asText()).isEqualTo("stopped");
        assertThat(afterRestart.get("command").asText()).isEqualTo(SERVE);
    }

    @Test
    void runningServicesComeBackAfterTheDaemonRestartsAndLeaveNothingBehindWhenItStops() throws Exception {
        LpmCli.Result registered = lpm.run("register", "lpmtest-web", SERVE);
        assertThat(registered.exit()).as(registered.toString()).isZero();
        JsonNode web = service("lpmtest-web");
        int port = web.get("port").asInt();
        ProcessHandle serviceProcess = ProcessHandle.of(web.get("pid").asLong()).orElseThrow();
        List<ProcessHandle> tree = concat(serviceProcess, serviceProcess.descendants().toList());

        lpm.stopDaemon();
        assertAllGone(tree);
        assertThat(portIsFree(port)).isTrue();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(service("lpmtest-web").get("state").asText()).isEqualTo("running"));
        assertThat(service("lpmtest-web").get("port").asInt()).isEqualTo(port);
    }

    @Test
    void servicesAnswerThroughTheProxyAtTheirLocalhostName() throws Exception {
        assertThat(lpm.run("register", "lpmtest-one", SERVE).exit()).isZero();
        assertThat(lpm.run("register", "lpmtest-two", SERVE).exit()).isZero();
        HttpClient client = HttpClient.newHttpClient();
        for (String name : List.of("lpmtest-one", "lpmtest-two")) {
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + lpm.proxyPort() + "/"))
                    .header("Host", name + ".localhost:" + lpm.proxyPort()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(name).isEqualTo(200);
            assertThat(page.body()).contains("Directory listing");
        }
        assertThat(lpm.run("url", "lpmtest-one").out().trim()).isEqualTo("http://lpmtest-one.localhost:" + lpm.proxyPort());

        assertThat(lpm.run("stop", "lpmtest-two").exit()).isZero();
        HttpResponse<String> down = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lpm.proxyPort() + "/"))
                .header("Host", "lpmtest-two.localhost").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(down.statusCode()).isEqualTo(502);
        assertThat(down.body()).contains("lpmtest-two").contains("stopped");

        HttpResponse<String> index = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lpm.proxyPort() + "/"))
                .header("Host", "nope.localhost").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(index.statusCode()).isEqualTo(404);
        assertThat(index.body()).contains("lpmtest-one").contains("lpmtest-two");

        LpmCli.Result status = lpm.run("status");
        // The proxy's own line (a problem line below may name 0.0.0.0 when it explains the missing helper).
        String proxyLine = status.out().lines().filter(l -> l.strip().startsWith("proxy:")).findFirst().orElseThrow();
        assertThat(proxyLine).contains("127.0.0.1:" + lpm.proxyPort()).contains("[::1]:" + lpm.proxyPort())
                .doesNotContain("0.0.0.0");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lpm.home().resolve("logs/access.log"))
                .content().contains("GET / HTTP/1.1 -> lpmtest-one 200").contains("-> lpmtest-two 502"));
    }

    @Test
    void aDaemonWhoseProxyPortIsTakenSaysSoAndExits() throws Exception {
        try (ServerSocket squatter = new ServerSocket(lpm.proxyPort(), 50, InetAddress.getByName("127.0.0.1"))) {
            LpmCli.Result daemon = lpm.run("daemon");
            assertThat(daemon.exit()).as(daemon.toString()).isEqualTo(1);
            assertThat(daemon.err()).contains("port " + lpm.proxyPort()).contains("in use by pid " + ProcessHandle.current().pid())
                    .contains("LPM_PROXY_PORT");
        }
    }

    @Test
    void theProxyAloneRoutesFromTheStateFileAndFollowsItsChanges() throws Exception {
        try (ServerSocket placeholder = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int backendPort = placeholder.getLocalPort();
            placeholder.close();
            com.sun.net.httpserver.HttpServer backend = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), backendPort), 10);
            backend.createContext("/", exchange -> {
                byte[] body = "from the backend".getBytes();
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            backend.start();
            int standalonePort = LpmCli.freePort();
            Process proxy = lpm.startCommand(lpm.home().resolve("proxy.log"), "proxy", "--proxy-port",
                    Integer.toString(standalonePort));
            try {
                HttpClient client = HttpClient.newHttpClient();
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + standalonePort + "/"))
                        .header("Host", "lpmtest-alias.localhost").build();
                // Until the proxy listens, connections are refused: wait through that.
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                        assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404));
                // The daemon (on its own proxy port) writes services.json; the standalone proxy follows.
                assertThat(lpm.run("alias", "lpmtest-alias", Integer.toString(backendPort)).exit()).isZero();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).body())
                                .isEqualTo("from the backend"));
                assertThat(lpm.run("unregister", "lpmtest-alias").exit()).isZero();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404));
            } finally {
                proxy.destroy();
                proxy.onExit().get();
                backend.stop(0);
            }
        }
    }

    @Test
    void refusalsSayWhatIsWrong() {
        LpmCli.Result badName = lpm.run("register", "Bad_Name", SERVE);
        assertThat(badName.exit()).as(badName.toString()).isEqualTo(1);
        assertThat(badName.err()).contains("invalid service name 'Bad_Name'").contains("lowercase");

        assertThat(lpm.run("register", "--no-start", "lpmtest-dup", SERVE).exit()).isZero();
        LpmCli.Result duplicate = lpm.run("register", "lpmtest-dup", SERVE);
        assertThat(duplicate.exit()).as(duplicate.toString()).isEqualTo(1);
        assertThat(duplicate.err()).contains("already registered");

        LpmCli.Result unknown = lpm.run("stop", "lpmtest-nope");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no service named 'lpmtest-nope'").contains("lpmtest-dup");

        LpmCli.Result usage = lpm.run("register", "lpmtest-x");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("Missing required parameter");
    }

    /**
     * {@code lpm register NAME -- WORDS} as a shell hands the words over (LpmCli passes argv without a
     * shell): the program gets each word exactly, quotes, {@code $}, parentheses and a pipe included, none
     * of them interpreted; one quoted argument stays shell text, where the pipe and {@code $PORT} work.
     */
    @Test
    void wordsAfterDoubleDashReachTheProgramExactlyAndOneArgumentStaysShellText() throws Exception {
        String program = """
                import json, os, sys, http.server
                print("argv=" + json.dumps(sys.argv[1:]), flush=True)
                http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), http.server.SimpleHTTPRequestHandler).serve_forever()
                """;
        List<String> words = List.of("it's \"quoted\"", "$HOME", "$(id -u)", "(a) | tr a b", "`id`", "a  b", "*", "");
        List<String> args = new java.util.ArrayList<>(List.of("register", "lpmtest-words", "--", "python3", "-c", program));
        args.addAll(words);
        LpmCli.Result registered = lpm.run(args.toArray(String[]::new));
        assertThat(registered.exit()).as(registered.toString()).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(lpm.run("logs", "lpmtest-words", "-n", "50").out()).contains("argv="));
        String line = lpm.run("logs", "lpmtest-words", "-n", "50").out().lines()
                .filter(l -> l.contains("argv=")).findFirst().orElseThrow();
        List<String> got = JSON.readerForListOf(String.class).readValue(line.substring(line.indexOf("argv=") + 5));
        assertThat(got).containsExactlyElementsOf(words);

        LpmCli.Result shell = lpm.run("register", "lpmtest-shell",
                "echo \"(piped) $PORT\" | tr a-z A-Z; exec python3 -m http.server {port} --bind 127.0.0.1");
        assertThat(shell.exit()).as(shell.toString()).isZero();
        int port = service("lpmtest-shell").get("port").asInt();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(lpm.run("logs", "lpmtest-shell", "-n", "50").out()).contains("(PIPED) " + port));
    }

    @Test
    void aTakenPortIsRefusedAndTheRegistrationIsNotLost() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            LpmCli.Result taken = lpm.run("register", "--port", Integer.toString(squatter.getLocalPort()),
                    "lpmtest-taken", SERVE);
            assertThat(taken.exit()).as(taken.toString()).isEqualTo(1);
            assertThat(taken.err()).contains("is in use by pid " + ProcessHandle.current().pid() + " ("); // the holder, named
        }
        assertThat(lpm.run("list", "--json").out()).doesNotContain("lpmtest-taken");
    }

    @Test
    void oneInstancePerHomeWithAnOwnerOnlyControlSocket() throws Exception {
        Path log = home.resolve("first-daemon.log");
        Process first = lpm.startDaemon(log);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> lpm.run("status").exit() == 0);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("lpm.sock"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
                    .isEqualTo("rwx------");

            LpmCli.Result second = lpm.run("daemon");
            assertThat(second.exit()).as(second.toString()).isEqualTo(1);
            assertThat(second.err()).contains("already running").contains("pid " + first.pid());

            JsonNode status = JSON.readTree(lpm.run("status", "--json").out());
            assertThat(status.get("running").asBoolean()).isTrue();
            assertThat(status.get("pid").asLong()).isEqualTo(first.pid());
            assertThat(status.get("tray").asText()).as("the headless daemon has no tray").isEqualTo("none");
            assertThat(lpm.run("status").out()).contains("  tray:     none");
        } finally {
            first.destroy();
            first.onExit().get();
        }
        LpmCli.Result notRunning = lpm.run("status", "--json");
        assertThat(notRunning.exit()).isEqualTo(1);
        assertThat(JSON.readTree(notRunning.out()).get("running").asBoolean()).isFalse();
        assertThat(home.resolve("lpm.sock")).doesNotExist();
    }

    @Test
    void aCorruptStateFileIsKeptAsideAndReported() throws Exception {
        Files.writeString(home.resolve("services.json"), "{ \"version\": 1, \"services\": [ {\"name\": ");
        LpmCli.Result list = lpm.run("list", "--json");
        assertThat(list.exit()).as(list.toString()).isZero();
        try (var kept = Files.list(home)) {
            Path corrupt = kept.filter(p -> p.getFileName().toString().startsWith("services.json.corrupt-"))
                    .findFirst().orElseThrow();
            assertThat(Files.readString(corrupt)).isEqualTo("{ \"version\": 1, \"services\": [ {\"name\": ");
            assertThat(lpm.run("status").out()).contains("problem:").contains(corrupt.toString());
        }
    }

    private JsonNode service(String name) throws IOException {
        LpmCli.Result list = lpm.run("list", "--json");
        assertThat(list.exit()).as(list.toString()).isZero();
        for (JsonNode node : JSON.readTree(list.out())) {
            if (node.get("name").asText().equals(name)) {
                return node;
            }
        }
        throw new AssertionError(name + " is not in " + list.out());
    }

    /**
     * Every process of a stopped tree is gone. Awaited, not asserted at once: orphans that exited are
     * zombies until init reaps them, and ProcessHandle counts a zombie as alive.
     */
    private static void assertAllGone(List<ProcessHandle> tree) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tree).noneMatch(ProcessHandle::isAlive));
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<ProcessHandle> concat(ProcessHandle root, List<ProcessHandle> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(root), rest.stream()).toList();
    }
}
