package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.Requirements;
import dev.lpm.testsupport.UserInstance;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a registration is checked for before anything runs, and what a failed one leaves (issue 18), through
 * the packaged jar with the instance as a normal user: reserved names (CLI and lpm.json), a Docker command with
 * a fixed host port (refused with the rewrite, no container made), a taken port naming the service or the
 * process that holds it, a failed first start that frees the name, and the direct address of a service that
 * listens on ::1 only.
 */
class RegistrationChecksIT {

    private static final String SERVE_V4 = "python3 -m http.server --bind 127.0.0.1 {port}";
    private static final String SERVE_V6 = "python3 -m http.server --bind ::1 {port}";

    static UserInstance lpm;
    static final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void startInstance() throws IOException {
        lpm = UserInstance.create("lpmtest-regchk");
        lpm.startDaemon(Map.of());
    }

    @AfterAll
    static void stop() {
        started.forEach(Process::destroyForcibly);
        if (lpm != null) {
            lpm.close();
        }
    }

    private static LpmCli.Result run(String... args) {
        return lpm.cli().run(Duration.ofSeconds(90), args);
    }

    private static String list() {
        return run("list", "--json").out();
    }

    @Test
    void reservedNamesAreRefusedWithTheRule() throws IOException {
        for (String name : List.of("localhost", "lpm", "xn--lpmtest")) {
            LpmCli.Result refused = run("register", "--cwd", lpm.work().toString(), name, SERVE_V4);
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).contains("'" + name + "'").contains("'localhost' and 'lpm' are reserved");
        }
        Path project = Files.createDirectories(lpm.work().resolve("lpmtest-regchk-project"));
        Files.writeString(project.resolve("lpm.json"), """
                {"project": "lpmtest-regchk",
                 "services": {
                   "localhost": {"command": "python3 -m http.server --bind 127.0.0.1 {port}"}
                 }}
                """);
        lpm.user().own(project);
        lpm.user().own(project.resolve("lpm.json"));
        LpmCli.Result up = run("up", "-f", project.resolve("lpm.json").toString());
        assertThat(up.exit()).as(up.toString()).isNotZero();
        assertThat(up.err()).contains("line 3: services.localhost: 'localhost' is reserved");
        assertThat(list()).doesNotContain("\"localhost\"").doesNotContain("\"lpm\"");
    }

    @Test
    void aDockerCommandWithAFixedHostPortIsRefusedWithTheRewriteAndRunsNothing() throws Exception {
        String container = "lpmtest-regchk-fixed";
        for (String publish : List.of("-p 18080:80", "--publish 127.0.0.1:18080:80", "--publish published=18080,target=80")) {
            LpmCli.Result refused = run("register", "--cwd", lpm.work().toString(), "lpmtest-fixed",
                    "docker run --rm --name " + container + " " + publish + " lpm/busybox:test httpd -f -p 80");
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).contains("publishes the fixed host port 18080 (" + publish + ")")
                    .contains("e.g.: docker run --rm --name " + container + " -p ");
            assertThat(refused.err()).containsPattern("-p (127\\.0\\.0\\.1:)?\\{port\\}:80");
        }
        assertThat(list()).doesNotContain("lpmtest-fixed");
        Requirements.requireDockerEngine();
        Process ps = new ProcessBuilder("docker", "ps", "-a", "--filter", "name=" + container, "--format", "{{.Names}}")
                .redirectErrorStream(true).start();
        assertThat(new String(ps.getInputStream().readAllBytes())).as("no container was made").doesNotContain(container);
    }

    @Test
    void aTakenPortNamesTheServiceOrTheProcessThatHoldsIt() throws Exception {
        LpmCli.Result first = run("register", "--cwd", lpm.work().toString(), "lpmtest-holder", SERVE_V4);
        assertThat(first.exit()).as(first.toString()).isZero();
        int port = LpmCli.freePort();
        try {
            String held = portOf("lpmtest-holder");
            LpmCli.Result second = run("register", "--port", held, "--cwd", lpm.work().toString(), "lpmtest-second",
                    SERVE_V4);
            assertThat(second.exit()).as(second.toString()).isEqualTo(1);
            assertThat(second.err()).contains("port " + held + " is already assigned to service 'lpmtest-holder'");

            // A program of the same user, not lpm's: named by pid and command line.
            List<String> command = new ArrayList<>(lpm.user().prefix(lpm.work()));
            command.addAll(List.of("python3", "-m", "http.server", "--bind", "127.0.0.1", Integer.toString(port)));
            Process squatter = new ProcessBuilder(command).directory(lpm.work().toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            started.add(squatter);
            await().atMost(Duration.ofSeconds(20)).until(() -> accepts("127.0.0.1", port));
            LpmCli.Result taken = run("register", "--port", Integer.toString(port), "--cwd", lpm.work().toString(),
                    "lpmtest-squatted", SERVE_V4);
            assertThat(taken.exit()).as(taken.toString()).isEqualTo(1);
            assertThat(taken.err()).contains("port " + port + " is in use by pid " + squatter.pid()
                    + " (python3 -m http.server --bind 127.0.0.1 " + port + ")");
            squatter.destroyForcibly().waitFor();
        } finally {
            run("unregister", "lpmtest-holder");
        }
        assertThat(list()).doesNotContain("lpmtest-second").doesNotContain("lpmtest-squatted");
    }

    @Test
    void aFailedFirstStartLeavesTheNameFree() {
        LpmCli.Result failed = run("register", "--start-timeout", "10s", "--cwd", lpm.work().toString(), "lpmtest-bad",
                "echo lpmtest-no-luck; lpmtest-no-such-program {port}");
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.err()).contains("'lpmtest-bad' did not start").contains("so it is not registered")
                .contains("lpmtest-no-luck");
        assertThat(list()).doesNotContain("lpmtest-bad");

        // One that never listens within its start timeout is undone the same way, with the timeout named.
        LpmCli.Result slow = run("register", "--start-timeout", "2s", "--cwd", lpm.work().toString(), "lpmtest-bad",
                "sleep 30");
        assertThat(slow.exit()).as(slow.toString()).isEqualTo(1);
        assertThat(slow.err()).contains("within 2s (its start timeout: lpm register --start-timeout, or startTimeout"
                + " in settings.json)").contains("so it is not registered");
        assertThat(list()).doesNotContain("lpmtest-bad");

        LpmCli.Result again = run("register", "--cwd", lpm.work().toString(), "lpmtest-bad", SERVE_V4);
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(run("unregister", "lpmtest-bad").exit()).isZero();
    }

    @Test
    void theDirectAddressIsWhereTheServiceListens() throws IOException {
        LpmCli.Result v6 = run("register", "--cwd", lpm.work().toString(), "lpmtest-six", SERVE_V6);
        LpmCli.Result v4 = run("register", "--cwd", lpm.work().toString(), "lpmtest-four", SERVE_V4);
        try {
            assertThat(v6.exit()).as(v6.toString()).isZero();
            String six = portOf("lpmtest-six");
            assertThat(v6.out()).contains("  direct: http://[::1]:" + six + "\n").doesNotContain("127.0.0.1:" + six);
            assertThat(accepts("127.0.0.1", Integer.parseInt(six))).as("it really refuses 127.0.0.1").isFalse();
            assertThat(run("url", "--direct", "lpmtest-six").out().strip()).isEqualTo("http://[::1]:" + six);
            assertThat(run("url", "lpmtest-six").out().strip()).isEqualTo("http://lpmtest-six.localhost:"
                    + lpm.cli().proxyPort());

            assertThat(v4.exit()).as(v4.toString()).isZero();
            String four = portOf("lpmtest-four");
            assertThat(v4.out()).contains("  direct: http://127.0.0.1:" + four + "\n");
            assertThat(run("url", "--direct", "lpmtest-four").out().strip()).isEqualTo("http://127.0.0.1:" + four);
        } finally {
            run("unregister", "lpmtest-six");
            run("unregister", "lpmtest-four");
        }
    }

    private static String portOf(String name) throws IOException {
        var services = new com.fasterxml.jackson.databind.ObjectMapper().readTree(list());
        for (var service : services) {
            if (service.get("name").asText().equals(name)) {
                return service.get("port").asText();
            }
        }
        throw new AssertionError(name + " is not listed: " + services);
    }

    private static boolean accepts(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
