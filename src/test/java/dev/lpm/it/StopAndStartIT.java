package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.Requirements;
import dev.lpm.testsupport.UserInstance;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting and stopping as real tools need it, as a normal user: one SIGTERM per process (a tool that
 * reads a second one as "force quit" shuts down cleanly, docker-compose included, and its containers go
 * with it); a slow start with its own timeout, reported while it happens on a terminal; {port} in --env
 * and --cwd; and a CLI that says which instance hangs instead of waiting for ever.
 */
class StopAndStartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE = "lpm/busybox:test";

    @TempDir
    Path tmp;

    @Test
    void oneSigtermPerProcessAndComposeShutsDownCleanly() throws Exception {
        Requirements.requireDockerEngine();
        Requirements.requireCommand("docker-compose", "docker-compose");
        KillSwitchIT.ensureTestImage();
        try (UserInstance lpm = UserInstance.create("lpmtest-stop")) {
            LpmCli cli = lpm.cli();
            lpm.startDaemon(Map.of());

            Path signals = lpm.work().resolve("signals.log");
            var counted = cli.run(Duration.ofSeconds(60), "register", "--cwd", lpm.work().toString(), "lpmtest-signals",
                    "exec python3 " + lpm.script("count_signals.py") + " {port} " + signals);
            assertThat(counted.exit()).as(counted.toString()).isZero();
            var stop = cli.run(Duration.ofSeconds(60), "stop", "lpmtest-signals");
            assertThat(stop.exit()).as(stop.toString()).isZero();
            assertThat(Files.readAllLines(signals)).containsExactlyInAnyOrder("parent TERM", "child TERM");

            // docker-compose as a service, through lpm's Docker API guard (DOCKER_HOST).
            Files.writeString(lpm.work().resolve("docker-compose.yml"), """
                    version: "3.7"
                    services:
                      web:
                        image: %s
                        command: httpd -f -p 80 -h /www
                        ports:
                          - "${PORT}:80"
                        stop_grace_period: 3s
                    """.formatted(IMAGE));
            lpm.user().own(lpm.work().resolve("docker-compose.yml"));
            var compose = cli.run(Duration.ofSeconds(120), "register", "--cwd", lpm.work().toString(),
                    "--stop-grace", "20s", "lpmtest-compose", "docker-compose -p lpmtest-compose up");
            assertThat(compose.exit()).as(compose.toString() + lpm.log()).isZero();
            int port = service(cli, "lpmtest-compose").get("port").asInt();
            String container = SoakIT.docker("ps", "--filter", "label=com.docker.compose.project=lpmtest-compose",
                    "--format", "{{.Names}}").strip();
            assertThat(container).isNotEmpty();
            assertThat(SoakIT.docker("inspect", "-f", "{{index .Config.Labels \"dev.lpm.service\"}}", container).strip())
                    .as("created through the guard for this service, so lpm finds it").isEqualTo("lpmtest-compose");
            assertThat(SoakIT.docker("port", container)).contains("127.0.0.1:" + port).doesNotContain("0.0.0.0");

            var composeStop = cli.run(Duration.ofSeconds(60), "stop", "lpmtest-compose");
            assertThat(composeStop.exit()).as(composeStop.toString()).isZero();
            String logs = cli.run("logs", "-n", "200", "lpmtest-compose").out();
            assertThat(logs).contains("Gracefully stopping").doesNotContain("Killing");
            assertThat(SoakIT.docker("inspect", "-f", "{{.State.Running}}", container).strip()).isEqualTo("false");
            assertThat(accepts(port)).isFalse();

            var again = cli.run(Duration.ofSeconds(120), "start", "lpmtest-compose");
            assertThat(again.exit()).as(again.toString()).isZero();
            assertThat(CrashRecoveryIT.throughProxy(cli, "lpmtest-compose")).isEqualTo("hello from lpm\n");
            assertThat(cli.run(Duration.ofSeconds(60), "stop", "lpmtest-compose").exit()).isZero();
            lpm.stopDaemon(Duration.ofSeconds(60));
        } finally {
            String left = SoakIT.docker("ps", "-aq", "--filter", "label=com.docker.compose.project=lpmtest-compose").strip();
            if (!left.isEmpty()) {
                List<String> rm = new ArrayList<>(List.of("rm", "-f"));
                rm.addAll(List.of(left.split("\\s+")));
                SoakIT.docker(rm.toArray(String[]::new));
            }
            SoakIT.docker("network", "rm", "lpmtest-compose_default");
        }
    }

    @Test
    void aSlowStartWithItsOwnTimeoutIsReportedOnATerminal() throws Exception {
        Requirements.requireCommand("script", "bsdutils");
        try (UserInstance lpm = UserInstance.create("lpmtest-slow")) {
            LpmCli cli = lpm.cli();
            // The instance's own default is short: the service's --start-timeout must win.
            Files.writeString(lpm.home().resolve("settings.json"), "{\"startTimeout\": \"PT4S\"}");
            lpm.user().own(lpm.home().resolve("settings.json"));
            lpm.startDaemon(Map.of());
            Path site = lpm.work().resolve("site");
            Files.createDirectories(site);

            var register = cli.run(Duration.ofSeconds(60), "register", "--no-start", "--cwd", lpm.work() + "/{port}",
                    "--env", "WEB_PORT={port}", "--start-timeout", "30s", "lpmtest-slow",
                    "sh " + lpm.script("slow_start.sh") + " 8");
            assertThat(register.exit()).as(register.toString()).isZero();
            int port = service(cli, "lpmtest-slow").get("port").asInt();
            Path cwd = Files.createDirectories(lpm.work().resolve(Integer.toString(port)));
            lpm.user().own(cwd);

            // On a terminal (script gives the CLI a pty) the wait is shown as it happens.
            String start = onTerminal(lpm, cli, "start lpmtest-slow");
            assertThat(start).contains("lpm: waiting for port " + port + ", 5s of 30s (start timeout)")
                    .contains("lpmtest-slow is running");
            assertThat(cli.run("logs", "lpmtest-slow").out()).contains("WEB_PORT=" + port + "; in " + cwd);

            // Without its own timeout the instance's 4 s applies, and the message names both settings.
            var quick = cli.run(Duration.ofSeconds(60), "register", "--cwd", lpm.work().toString(), "lpmtest-impatient",
                    "sh " + lpm.script("slow_start.sh") + " 30");
            assertThat(quick.exit()).isEqualTo(1);
            assertThat(quick.err()).contains("within 4s (its start timeout: lpm register --start-timeout, or"
                    + " startTimeout in settings.json)");
            // A registration whose first start fails is undone (issue 18): the name is free again.
            assertThat(quick.err()).contains("so it is not registered");
            assertThat(cli.run("list", "--json").out()).doesNotContain("lpmtest-impatient");

            // A service that ignores SIGTERM holds neither a stop nor the instance's own shutdown.
            var stubborn = cli.run(Duration.ofSeconds(60), "register", "--cwd", lpm.work().toString(), "--stop-grace",
                    "2s", "lpmtest-stubborn", "trap '' TERM; exec python3 -m http.server {port} --bind 127.0.0.1");
            assertThat(stubborn.exit()).as(stubborn.toString()).isZero();
            Duration stop = lpm.stopDaemon(Duration.ofSeconds(30));
            assertThat(stop).as("SIGTERM to exit with a 2 s grace").isLessThan(Duration.ofSeconds(15));
            await().atMost(Duration.ofSeconds(10)).until(() -> lpm.user().processes().isEmpty());
        }
    }

    @Test
    void aHangingInstanceIsNamedInsteadOfWaitedForForEver() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        // Something that accepts control connections and never answers: a frozen instance.
        try (ServerSocketChannel frozen = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            frozen.bind(UnixDomainSocketAddress.of(home.resolve("lpm.sock")));
            List<SocketChannel> accepted = new ArrayList<>();
            Thread acceptor = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (true) {
                        accepted.add(frozen.accept());
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            Files.writeString(home.resolve("lpm.lock"), "4242\n2026-12-04T10:00:00Z\n");
            LpmCli cli = new LpmCli(home);

            long started = System.nanoTime();
            LpmCli.Result list = cli.run(Duration.ofSeconds(60), "list");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(list.exit()).isEqualTo(1);
            assertThat(list.err()).contains("lpm: the lpm instance (pid 4242) did not answer within 15s; its log is "
                    + home.resolve("logs").resolve("daemon.log") + ".");
            assertThat(took).isLessThan(Duration.ofSeconds(45));
            frozen.close();
            acceptor.join(1000);
            for (SocketChannel c : accepted) {
                c.close();
            }
        }
    }

    private static String onTerminal(UserInstance lpm, LpmCli cli, String args) throws Exception {
        Path out = Files.createTempFile("lpmtest-tty", ".txt");
        try {
            List<String> command = new ArrayList<>(lpm.user().prefix(lpm.work()));
            command.addAll(List.of("script", "-qec", ProcessHandle.current().info().command().orElseThrow() + " -jar "
                    + lpm.script("lpm.jar") + " " + args, "/dev/null"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().put("LPM_HOME", lpm.home().toString());
            builder.environment().put("LPM_PROXY_PORT", Integer.toString(cli.proxyPort()));
            Process p = builder.start();
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
            return Files.readString(out).replace("\r", "");
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static JsonNode service(LpmCli cli, String name) throws Exception {
        for (JsonNode node : JSON.readTree(cli.run("list", "--json").out())) {
            if (node.get("name").asText().equals(name)) {
                return node;
            }
        }
        throw new AssertionError("no service " + name);
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
