package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.Requirements;
import dev.lpm.testsupport.UserInstance;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code lpm run} as a user lives it, as a normal user: a Vite project installed from npm and started with
 * {@code npm run dev} (lpm adds Vite's port and host), reached through the proxy by its package.json name, then
 * Ctrl-C (SIGINT to the CLI); a plain node server in a linked git worktree, named after the branch, then the CLI
 * killed with SIGKILL. Either way nothing is left: no process of the tree, the port free, the name gone.
 */
class RunIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Pinned: the test asserts what Vite prints and how it serves. */
    private static final String VITE = "vite@8.4.1";

    /**
     * Ctrl-C as in a terminal: a command started in the background of a shell script (as a test run may be) has
     * SIGINT ignored, which the JVM then keeps ignoring; this resets it to the default before exec'ing lpm.
     */
    private static final List<String> TERMINAL_SIGNALS = List.of("python3", "-c",
            "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])");

    private UserInstance lpm;
    private final List<Process> runs = new ArrayList<>();

    @AfterEach
    void tearDown() {
        runs.forEach(Process::destroyForcibly);
        if (lpm != null) {
            lpm.close();
        }
    }

    @Test
    void aViteProjectRunsUnderItsPackageNameAndCtrlCLeavesNothingBehind() throws Exception {
        Requirements.requireCommand("npm", "npm");
        lpm = UserInstance.create("lpmtest-run-vite");
        Path site = Files.createDirectories(lpm.work().resolve("vite-site"));
        Files.writeString(site.resolve("package.json"), """
                {"name": "@lpmtest/run-vite-site", "private": true, "scripts": {"dev": "vite"}}
                """);
        Files.writeString(site.resolve("index.html"), "<h1>hello from vite under lpm</h1>\n");
        npmInstall(site, VITE);
        chownAll(lpm.work());
        lpm.startDaemon(Map.of());
        LpmCli cli = lpm.cli();

        Path out = lpm.work().resolve("run-vite.out");
        Path err = lpm.work().resolve("run-vite.err");
        Process run = start(cli, site, out, err, "run", "npm", "run", "dev");
        String name = "run-vite-site";
        JsonNode service = awaitRunning(cli, name, run, out, err);
        assertThat(service.get("group").asText()).isEqualTo("lpm run");
        assertThat(service.get("command").asText()).as("lpm added Vite's port and host")
                .isEqualTo("npm run dev -- --port {port} --strictPort --host 127.0.0.1");
        int port = service.get("port").asInt();

        String page = throughProxy(cli.proxyPort(), name);
        assertThat(page).contains("hello from vite under lpm");
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(withoutColours(Files.readString(out))).as("Vite's output is in the terminal")
                        .contains("ready in", "127.0.0.1:" + port + "/"));
        assertThat(Files.readString(err)).contains("Vite ignores PORT", name + ".localhost");
        List<ProcessHandle> tree = tree(service);
        assertThat(tree).as("npm, sh and node").hasSizeGreaterThanOrEqualTo(2);

        signal("INT", run);
        assertThat(run.waitFor(40, TimeUnit.SECONDS)).as("lpm run ends on Ctrl-C").isTrue();
        assertThat(Files.readString(err)).contains(name + " ended", "the name is gone");
        assertGone(cli, name, port, tree);
    }

    @Test
    void aNodeServerInAGitWorktreeIsNamedAfterTheBranchAndAKilledCliIsCleanedUp() throws Exception {
        Requirements.requireCommand("node", "nodejs");
        Requirements.requireCommand("git", "git");
        lpm = UserInstance.create("lpmtest-run-node");
        Path main = Files.createDirectories(lpm.work().resolve("shop"));
        Files.writeString(main.resolve("package.json"), "{\"name\": \"web\"}\n");
        Files.writeString(main.resolve("server.js"), """
                require('http').createServer((req, res) => res.end('node on ' + process.env.PORT))
                  .listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening on ' + process.env.PORT));
                """);
        git(main, "init", "-q", "-b", "main");
        git(main, "add", ".");
        git(main, "-c", "user.name=lpm test", "-c", "user.email=lpmtest@example.invalid", "commit", "-qm", "init");
        Path worktree = lpm.work().resolve("shop-fix-login");
        git(main, "worktree", "add", "-q", "-b", "fix-login", worktree.toString());
        chownAll(lpm.work());
        lpm.startDaemon(Map.of());
        LpmCli cli = lpm.cli();

        Path out = lpm.work().resolve("run-node.out");
        Path err = lpm.work().resolve("run-node.err");
        Process run = start(cli, worktree, out, err, "run", "--", "node", "server.js");
        String name = "fix-login-web";
        JsonNode service = awaitRunning(cli, name, run, out, err);
        int port = service.get("port").asInt();
        assertThat(service.get("command").asText()).as("no framework: the command gets PORT")
                .isEqualTo("node server.js");
        assertThat(throughProxy(cli.proxyPort(), name)).isEqualTo("node on " + port);
        assertThat(Files.readString(out)).contains("listening on " + port);
        assertThat(Files.readString(err)).contains("gets its port only as $PORT");

        // The same name from another terminal is refused, and says who has it.
        LpmCli.Result taken = cli.run(Duration.ofSeconds(60), "run", "--name", name, "--", "node", "server.js");
        assertThat(taken.exit()).as(taken.toString()).isEqualTo(1);
        assertThat(taken.err()).contains("the name " + name + " is taken by another lpm run (running, port " + port + ")");
        assertThat(services(cli)).containsOnlyKeys(name);

        // A server that exits by itself ends its lpm run with its exit code (no restarts), and its name goes too.
        LpmCli.Result exits = cli.run(Duration.ofSeconds(60), "run", "--name", "exits-early", "--", "node", "-e",
                "console.log('bye'); process.exit(3)");
        assertThat(exits.exit()).as(exits.toString()).isEqualTo(3);
        assertThat(exits.out()).contains("bye");
        assertThat(exits.err()).contains("exits-early ended (exited with code 3)");
        assertThat(services(cli)).containsOnlyKeys(name);

        List<ProcessHandle> tree = tree(service);
        run.destroyForcibly(); // SIGKILL: no shutdown hook, only the closed socket tells the instance
        assertThat(run.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertGone(cli, name, port, tree);
    }

    private Process start(LpmCli cli, Path dir, Path out, Path err, String... args) throws IOException {
        Process run = cli.startIn(TERMINAL_SIGNALS, dir, out, err, args);
        runs.add(run);
        return run;
    }

    private JsonNode awaitRunning(LpmCli cli, String name, Process run, Path out, Path err) throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            assertThat(run.isAlive()).as("lpm run is alive:\n" + Files.readString(out) + Files.readString(err)
                    + lpm.log()).isTrue();
            JsonNode service = services(cli).get(name);
            assertThat(service).as("%s in lpm list; lpm run said:%n%s", name, Files.readString(err)).isNotNull();
            assertThat(service.get("state").asText()).isEqualTo("running");
        });
        return services(cli).get(name);
    }

    /** The service's process and its descendants, while it runs. */
    private static List<ProcessHandle> tree(JsonNode service) {
        ProcessHandle root = ProcessHandle.of(service.get("pid").asLong()).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(root);
        return all;
    }

    private static void assertGone(LpmCli cli, String name, int port, List<ProcessHandle> tree) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(services(cli)).as("the name is gone from lpm list").doesNotContainKey(name);
            assertThat(tree).as("every process of the tree has exited").noneMatch(ProcessHandle::isAlive);
            assertThat(portIsFree(port)).as("port %d is free", port).isTrue();
        });
    }

    /** Vite colours its banner (ANSI SGR sequences), as it does on a terminal. */
    private static String withoutColours(String text) {
        return text.replaceAll("\u001B\\[[0-9;]*m", "");
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** What the proxy answers for NAME.localhost, as a browser would ask it (Host header, proxy port). */
    private static String throughProxy(int proxyPort, String name) throws Exception {
        // Java's client would not send a Host header of its own choosing; curl is what users use anyway.
        Requirements.requireCommand("curl", "curl");
        Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "10", "-H",
                "Host: " + name + ".localhost:" + proxyPort, "http://127.0.0.1:" + proxyPort + "/")
                .redirectErrorStream(true).start();
        String body = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(curl.exitValue()).as(body).isZero();
        return body.strip();
    }

    private static void signal(String signal, Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private static Map<String, JsonNode> services(LpmCli cli) throws Exception {
        LpmCli.Result list = cli.run("list", "--json");
        assertThat(list.exit()).as(list.toString()).isZero();
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        JSON.readTree(list.out()).forEach(node -> byName.put(node.get("name").asText(), node));
        return byName;
    }

    private static void npmInstall(Path dir, String pkg) throws Exception {
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", pkg)
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(npm.waitFor(300, TimeUnit.SECONDS)).as("npm install " + pkg).isTrue();
        assertThat(npm.exitValue()).as("npm install %s:%n%s", pkg, output).isZero();
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(git.exitValue()).as("git %s:%n%s", String.join(" ", args), output).isZero();
    }

    private void chownAll(Path dir) throws Exception {
        try (var all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                lpm.user().own(p);
            }
        }
    }
}
