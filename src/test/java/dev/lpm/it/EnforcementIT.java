package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.testsupport.EngineNamespace;
import dev.lpm.testsupport.HostTun;
import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.NetworkNamespace;
import dev.lpm.testsupport.Requirements;
import dev.lpm.testsupport.RootHelper;
import dev.lpm.testsupport.UserInstance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * lpm's protection as a real desktop gets it: the instance runs as a normal user in the docker group, the
 * firewall helper as root, on a machine of their own (a network namespace with its own Docker engine), and
 * a neighbour on the same network tries to get in. Every attempt is a TCP connect every 10 ms, from before
 * the container exists until 3 s after; "0 connected" is the only pass.
 */
class EnforcementIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE = "lpm/busybox:test";
    private static EngineNamespace machine;
    private static Path probeScript;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void machine() throws IOException {
        Requirements.requireTunDevices();
        Requirements.requireCommand("python3", "python3");
        Requirements.requireCommand("curl", "curl");
        machine = EngineNamespace.start();
        probeScript = Files.createTempFile("lpmtest-probe-", ".py");
        try (InputStream in = Objects.requireNonNull(EnforcementIT.class.getResourceAsStream("/enforce/connect_probe.py"))) {
            Files.copy(in, probeScript, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @AfterAll
    static void removeMachine() throws IOException {
        if (machine != null) {
            machine.close();
        }
        if (probeScript != null) {
            Files.deleteIfExists(probeScript);
        }
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        String ids = machine.docker("ps", "-aq").output().strip();
        if (!ids.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f"));
            rm.addAll(ids.lines().toList());
            machine.docker(rm.toArray(String[]::new));
        }
    }

    @Test
    void whileAVpnIsUpNoPublishedContainerIsReachableFromItsFirstPacketAndNativePortsNever() throws Exception {
        UserInstance lpm = instance("lpmtest-enf-vpn");
        Path helperSocket = startHelper();
        Map<String, String> env = env(helperSocket);
        lpm.startDaemon(machine.machine().enter(), env);
        await().atMost(Duration.ofSeconds(30)).until(() -> enforcement(lpm).path("nativePorts").asText().equals("applied"));

        // A native service that listens on every interface, as the README's example does.
        LpmCli.Result registered = lpm.cli().run("register", "lpmtest-web", "python3 -m http.server {port}");
        assertThat(registered.exit()).as(registered.toString()).isZero();
        int webPort = service(lpm, "lpmtest-web").path("port").asInt();
        await().atMost(Duration.ofSeconds(30)).until(() -> machine.machine().exec("curl", "-sf", "-o", "/dev/null",
                "http://127.0.0.1:" + webPort + "/").ok());
        assertThat(tries(EngineNamespace.HOST_V4, webPort, () -> { })).as("native service, no VPN, IPv4").isZero();
        assertThat(tries(EngineNamespace.HOST_V6, webPort, () -> { })).as("native service, no VPN, IPv6").isZero();

        try (HostTun vpn = HostTun.up(machine.machine().enter(), "tun83", "10.213.83.2/24")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> enforcement(lpm).path("lockdown").asText().equals("engaged"));

            int port = 8731;
            assertThat(probeDuring(EngineNamespace.HOST_V4, port, () -> run(
                    "run", "-d", "--name", "lpmtest-open-v4", "-p", port + ":80", IMAGE, "httpd", "-f", "-p", "80", "-h", "/www")))
                    .as("docker run -p %d:80, IPv4", port).isZero();
            int v6Port = 8732;
            assertThat(probeDuring(EngineNamespace.HOST_V6, v6Port, () -> run(
                    "run", "-d", "--name", "lpmtest-open-v6", "-p", "[::]:" + v6Port + ":80", IMAGE, "httpd", "-f", "-p", "80", "-h", "/www")))
                    .as("docker run -p [::]:%d:80, IPv6", v6Port).isZero();
            int apiPort = 8733;
            assertThat(probeDuring(EngineNamespace.HOST_V4, apiPort, () -> createThroughTheApi("lpmtest-open-api", apiPort)))
                    .as("a container created through the engine's API, IPv4").isZero();

            // Ports outside lpm's range (8731...): lpm's own port rule must not be what keeps them closed.
            // Loopback stays this machine's: a 127.0.0.1-published container answers here.
            run("run", "-d", "--name", "lpmtest-local", "-p", "127.0.0.1:8734:80", IMAGE, "httpd", "-f", "-p", "80", "-h", "/www");
            await().atMost(Duration.ofSeconds(20)).until(() -> machine.machine().exec("curl", "-sf",
                    "http://127.0.0.1:8734/").output().contains("hello from lpm"));
            // So does the native service, directly and through the proxy; the neighbour still gets nothing.
            assertThat(machine.machine().exec("curl", "-sf", "-o", "/dev/null", "http://127.0.0.1:" + webPort + "/").ok()).isTrue();
            assertThat(machine.machine().exec("curl", "-sf", "-o", "/dev/null", "-H", "Host: lpmtest-web.localhost",
                    "http://127.0.0.1:" + lpm.cli().proxyPort() + "/").ok()).isTrue();
            assertThat(tries(EngineNamespace.HOST_V4, webPort, () -> { })).as("native service, VPN up").isZero();

            // The instance dies: the rules stay, and a container started now is still unreachable.
            long rulesBefore = lpmRules();
            lpm.killDaemon();
            int afterDeath = 8735;
            assertThat(probeDuring(EngineNamespace.HOST_V4, afterDeath, () -> run("run", "-d", "--name",
                    "lpmtest-open-dead", "-p", afterDeath + ":80", IMAGE, "httpd", "-f", "-p", "80", "-h", "/www")))
                    .as("published while no instance runs").isZero();
            // The next instance takes them over without a second copy.
            lpm.startDaemon(machine.machine().enter(), env);
            await().atMost(Duration.ofSeconds(30)).until(() -> enforcement(lpm).path("lockdown").asText().equals("engaged"));
            assertThat(lpmRules()).isEqualTo(rulesBefore);
        }

        // VPN down: the lockdown goes, and a container published now is reachable again (the probe works).
        await().atMost(Duration.ofSeconds(30)).until(() -> enforcement(lpm).path("lockdown").asText().equals("off"));
        assertThat(machine.firewall()).doesNotContain("LPM-LOCKDOWN");
        int control = 8736;
        run("run", "-d", "--name", "lpmtest-control", "-p", control + ":80", IMAGE, "httpd", "-f", "-p", "80", "-h", "/www");
        await().atMost(Duration.ofSeconds(20)).until(() -> tries(EngineNamespace.HOST_V4, control, () -> { }) > 0);
        assertThat(tries(EngineNamespace.HOST_V4, webPort, () -> { })).as("native service after the VPN").isZero();

        lpm.stopDaemon(Duration.ofSeconds(60));
        assertThat(machine.firewall()).as("after the instance stopped with no VPN").doesNotContain("lpm-helper");
    }

    @Test
    void anEngineBefore28IsGuardedWithoutAVpnAgainstBothNeighbourTricks() throws Exception {
        String version = machine.docker("version", "--format", "{{.Server.Version}}").output().strip();
        Requirements.require(Integer.parseInt(version.split("\\.")[0]) < 28,
                "this test needs Docker before 28 (Debian 12's docker.io): Docker " + version + " closes both holes itself");
        run("run", "-d", "--name", "lpmtest-loopback", "-p", "127.0.0.1:8741:80", IMAGE, "httpd", "-f", "-p", "80", "-h", "/www");
        String containerIp = run("inspect", "-f", "{{.NetworkSettings.IPAddress}}", "lpmtest-loopback").strip();
        NetworkNamespace neighbour = machine.neighbour();
        routeLoopbackToTheMachine(neighbour);
        neighbourRun("ip", "route", "replace", "172.16.0.0/12", "via", EngineNamespace.HOST_V4);
        await().atMost(Duration.ofSeconds(20)).until(() -> tries("127.0.0.1", 8741, () -> { }) > 0);
        assertThat(tries(containerIp, 80, () -> { })).as("Docker %s: a route to the container network", version).isPositive();

        UserInstance lpm = instance("lpmtest-enf-old");
        lpm.startDaemon(machine.machine().enter(), env(startHelper()));
        await().atMost(Duration.ofSeconds(30)).until(() -> enforcement(lpm).path("loopbackGuard").asText().equals("applied"));
        assertThat(tries("127.0.0.1", 8741, () -> { })).as("127.0.0.1 routed to the machine").isZero();
        assertThat(tries(containerIp, 80, () -> { })).as("the container's own address routed through the machine").isZero();
        assertThat(machine.machine().exec("curl", "-sf", "http://127.0.0.1:8741/").output()).contains("hello from lpm");

        lpm.stopDaemon(Duration.ofSeconds(60));
        assertThat(machine.firewall()).doesNotContain("lpm-helper");
    }

    @Test
    void withoutTheHelperLpmSaysWhatIsMissingAndHowToFixIt() throws Exception {
        UserInstance lpm = instance("lpmtest-enf-none");
        lpm.startDaemon(machine.machine().enter(), Map.of("DOCKER_HOST", machine.dockerHost(),
                "LPM_HELPER_SOCKET", "/run/lpmtest-no-helper/helper.sock"));
        await().atMost(Duration.ofSeconds(30)).until(() -> enforcement(lpm).path("loopbackGuard").asText().equals("missing"));
        JsonNode enforcement = enforcement(lpm);
        assertThat(enforcement.path("helper").asText()).isEqualTo("absent");
        assertThat(enforcement.path("nativePorts").asText()).isEqualTo("missing");
        assertThat(enforcement.path("fix").asText()).isEqualTo("sudo systemctl enable --now lpm-helper.service");
        assertThat(lpm.cli().run("status").out()).contains("problem:", "firewall helper is not running",
                "Fix: sudo systemctl enable --now lpm-helper.service");
        assertThat(lpm.cli().run("security").out()).contains("Firewall helper:  absent", "Port rule:      missing");
        assertThat(machine.firewall()).doesNotContain("lpm-helper");
    }

    // --- the machine, the instance, the helper ---

    private UserInstance instance(String user) throws IOException {
        UserInstance lpm = UserInstance.create(user);
        opened.add(lpm);
        return lpm;
    }

    private Map<String, String> env(Path helperSocket) {
        return Map.of("DOCKER_HOST", machine.dockerHost(), "LPM_HELPER_SOCKET", helperSocket.toString());
    }

    /** lpm helper as root on the machine, as its systemd unit starts it (with test paths). */
    private Path startHelper() throws IOException {
        RootHelper helper = RootHelper.start(machine.machine().enter());
        opened.add(0, helper); // closed last: after the instances, it removes what they left
        return helper.socket();
    }

    private static JsonNode enforcement(UserInstance lpm) throws IOException {
        LpmCli.Result security = lpm.cli().run("security", "--json");
        return security.exit() == 0 ? JSON.readTree(security.out()).path("enforcement") : JSON.createObjectNode();
    }

    private static JsonNode service(UserInstance lpm, String name) throws IOException {
        for (JsonNode s : JSON.readTree(lpm.cli().run("list", "--json").out())) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no service " + name);
    }

    private static long lpmRules() {
        return machine.firewall().lines().filter(l -> l.contains("lpm-helper")).count();
    }

    private static String run(String... dockerArgs) {
        NetworkNamespace.ExecResult result = machine.docker(dockerArgs);
        assertThat(result.exitCode()).as("docker %s: %s", String.join(" ", dockerArgs), result.output()).isZero();
        return result.output();
    }

    /** A client that skips the docker CLI and lpm's guard: POST /containers/create, then start. */
    private static void createThroughTheApi(String name, int port) {
        String body = """
                {"Image":"%s","Cmd":["httpd","-f","-p","80","-h","/www"],
                 "HostConfig":{"PortBindings":{"80/tcp":[{"HostPort":"%d"}]}}}""".formatted(IMAGE, port);
        NetworkNamespace.ExecResult created = machine.machine().exec("curl", "-sf", "--unix-socket",
                machine.socket().toString(), "-H", "Content-Type: application/json", "-d", body,
                "http://docker/containers/create?name=" + name);
        assertThat(created.ok()).as(created.output()).isTrue();
        NetworkNamespace.ExecResult started = machine.machine().exec("curl", "-sf", "-X", "POST", "--unix-socket",
                machine.socket().toString(), "http://docker/containers/" + name + "/start");
        assertThat(started.ok()).as(started.output()).isTrue();
    }

    /**
     * How many TCP connections the neighbour opened to {@code host:port} while {@code action} ran, starting
     * before it and ending 3 s after; asserts it tried at least 200 times.
     */
    private static int probeDuring(String host, int port, Runnable action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", machine.neighbour().name(), "python3",
                probeScript.toString(), host, Integer.toString(port)));
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("probing");
        Thread.sleep(300);
        try {
            action.run();
        } finally {
            probe.getOutputStream().close();
        }
        String result = out.readLine();
        probe.waitFor(20, TimeUnit.SECONDS);
        String[] counts = result.strip().split(" ");
        assertThat(Integer.parseInt(counts[0])).as("tries against %s:%d", host, port).isGreaterThanOrEqualTo(200);
        return Integer.parseInt(counts[1]);
    }

    private static int tries(String host, int port, Runnable action) {
        try {
            return probeDuring(host, port, action);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The neighbour sends packets for 127.0.0.1 to this machine instead of its own loopback (moby#45610). */
    private static void routeLoopbackToTheMachine(NetworkNamespace neighbour) {
        String dev = neighbour.exec("bash", "-c", "ip -o -4 addr show | awk '/" + EngineNamespace.NEIGHBOUR_V4
                + "/ {print $2}'").output().strip();
        // accept_local: the answers come back from 127.0.0.1 over the link, which the neighbour would drop as martian.
        neighbourRun("sysctl", "-qw", "net.ipv4.conf.all.route_localnet=1", "net.ipv4.conf." + dev + ".route_localnet=1",
                "net.ipv4.conf.all.accept_local=1", "net.ipv4.conf." + dev + ".accept_local=1");
        neighbour.exec("ip", "route", "del", "local", "127.0.0.0/8", "dev", "lo", "table", "local");
        neighbour.exec("ip", "route", "del", "local", "127.0.0.1", "dev", "lo", "table", "local");
        neighbourRun("ip", "route", "replace", "127.0.0.1/32", "via", EngineNamespace.HOST_V4, "dev", dev,
                "src", EngineNamespace.NEIGHBOUR_V4);
    }

    private static void neighbourRun(String... command) {
        NetworkNamespace.ExecResult result = machine.neighbour().exec(command);
        assertThat(result.ok()).as("%s: %s", String.join(" ", command), result.output()).isTrue();
    }
}
