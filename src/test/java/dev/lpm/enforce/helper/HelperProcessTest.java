package dev.lpm.enforce.helper;

import static dev.lpm.enforce.Namespaces.linesWith;
import static dev.lpm.enforce.Namespaces.saved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.enforce.Namespaces;
import dev.lpm.enforce.WireJson;
import dev.lpm.testsupport.NetworkNamespace;
import dev.lpm.testsupport.Requirements;
import dev.lpm.testsupport.TestUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lpm helper} as a process of its own, in a namespace of the test's (its rules never reach the host),
 * spoken to over its socket as the instance and as strangers would.
 */
class HelperProcessTest {

    private static final String LOCKDOWN = "{\"op\":\"apply\",\"ruleSet\":\"lockdown\"}";
    private static final String NATIVE_PORTS = "{\"op\":\"apply\",\"ruleSet\":\"native-ports\",\"from\":4000,\"to\":4999}";
    private static final String LEGACY = "{\"op\":\"apply\",\"ruleSet\":\"legacy-engine-guard\"}";
    private static final String STATUS = "{\"op\":\"status\"}";

    @TempDir
    Path tmp;
    private final Namespaces namespaces = new Namespaces();
    private final List<HelperProcess> helpers = new ArrayList<>();
    private HelperProcess.Layout layout;
    private NetworkNamespace ns;

    @BeforeEach
    void setUp() throws IOException {
        ns = namespaces.create();
        layout = HelperProcess.Layout.create(tmp);
    }

    @AfterEach
    void tearDown() {
        helpers.forEach(HelperProcess::close);
        namespaces.close();
    }

    private HelperProcess start(String logName) throws IOException {
        HelperProcess helper = HelperProcess.start(ns, layout, logName);
        helpers.add(helper);
        return helper;
    }

    private static JsonNode json(String line) throws IOException {
        assertThat(line).as("a reply line").isNotNull();
        return WireJson.MAPPER.readTree(line);
    }

    private JsonNode call(String line) throws IOException {
        return json(RawClient.exchange(layout.socket(), line));
    }

    private static void assertError(JsonNode reply, String kind, String messagePart) {
        assertThat(reply.get("ok").booleanValue()).as("%s", reply).isFalse();
        assertThat(reply.at("/error/kind").asText()).as("%s", reply).isEqualTo(kind);
        assertThat(reply.at("/error/message").asText()).as("%s", reply).contains(messagePart);
    }

    private void assertServing() throws IOException {
        assertThat(call(STATUS).get("ok").booleanValue()).as("the helper still serves").isTrue();
    }

    @Test
    void appliesReportsAndReleasesAndTheRulesAreInTheKernel() throws Exception {
        start("helper.log");
        assertThat(call(STATUS).toString()).isEqualTo("{\"ok\":true,\"applied\":[],\"removed\":[]}");
        assertThat(Files.getPosixFilePermissions(layout.socket())).hasSize(6); // rw-rw-rw-

        assertThat(call(LOCKDOWN).toString()).isEqualTo("{\"ok\":true,\"applied\":[{\"ruleSet\":\"lockdown\"}],\"removed\":[]}");
        call(NATIVE_PORTS);
        JsonNode all = call(LEGACY);
        assertThat(all.get("applied").toString()).isEqualTo("[{\"ruleSet\":\"lockdown\"},"
                + "{\"ruleSet\":\"native-ports\",\"from\":4000,\"to\":4999},{\"ruleSet\":\"legacy-engine-guard\"}]");
        long tagged = linesWith(saved(ns), "lpm-helper:");
        assertThat(tagged).isEqualTo(52); // 28 IPv4, 24 IPv6: see the namespace test for the lines
        call(LOCKDOWN);
        assertThat(linesWith(saved(ns), "lpm-helper:")).as("applied twice, there once").isEqualTo(tagged);
        assertThat(Files.readString(layout.state())).contains("\"lockdown\"", "\"native-ports\"", "\"legacy-engine-guard\"");

        JsonNode released = call("{\"op\":\"release\",\"ruleSet\":\"lockdown\"}");
        assertThat(released.get("applied")).hasSize(2);
        assertThat(released.get("removed").toString()).contains("lockdown: removed iptables filter LPM-LOCKDOWN (8 rules)"
                + " and its jump from DOCKER-USER");
        assertThat(linesWith(saved(ns), "lpm-helper:lockdown")).isZero();

        JsonNode releasedAll = call("{\"op\":\"release-all\"}");
        assertThat(releasedAll.get("applied")).isEmpty();
        assertThat(releasedAll.get("removed")).hasSize(4);
        assertThat(linesWith(Namespaces.ok(ns, "iptables-save"), "lpm-helper")).isZero();
        assertThat(linesWith(Namespaces.ok(ns, "ip6tables-save"), "lpm-helper")).isZero();
        assertThat(WireJson.MAPPER.readTree(Files.readString(layout.state())).get("applied")).isEmpty();
    }

    @Test
    void badRequestsGetAnErrorAndTheHelperKeepsServing() throws Exception {
        HelperProcess helper = start("helper.log");
        assertError(call("{\"op\":"), "bad-request", "not one JSON object");
        assertServing();
        assertError(call("{\"op\":\"flush-everything\"}"), "bad-request", "unknown op \"flush-everything\"");
        assertServing();
        assertError(call("{\"op\":\"apply\",\"ruleSet\":\"native-ports\",\"from\":80,\"to\":90}"), "bad-request",
                "within 1024-65535");
        assertError(call("{\"op\":\"apply\",\"ruleSet\":\"native-ports\",\"from\":4999,\"to\":4000}"), "bad-request",
                "from <= to");
        assertError(call("{\"op\":\"apply\",\"ruleSet\":\"lockdown\",\"chain\":\"INPUT\"}"), "bad-request",
                "unknown field \"chain\"");
        assertServing();

        // A 1 MiB line: refused after 16 KiB, the connection closed, the helper unharmed.
        try (RawClient client = RawClient.connect(layout.socket())) {
            assertError(json(client.send("{\"op\":\"status\",\"pad\":\"" + "x".repeat(1 << 20) + "\"}")), "bad-request",
                    "at most 16384 bytes; connection closed");
            assertThat(client.readLine()).as("the connection is closed").isNull();
        }
        assertServing();

        // Several requests on one connection, a bad one among them, each answered in turn.
        try (RawClient client = RawClient.connect(layout.socket())) {
            assertThat(json(client.send(STATUS)).get("ok").booleanValue()).isTrue();
            assertError(json(client.send("[]")), "bad-request", "one JSON object");
            assertThat(json(client.send(STATUS)).get("ok").booleanValue()).isTrue();
        }
        assertThat(linesWith(saved(ns), "lpm-helper")).as("no bad request changed anything").isZero();
        assertThat(helper.isAlive()).isTrue();
        assertThat(helper.log()).contains("longer than 16384 bytes");
    }

    @Test
    void aUserOutsideThePolicyIsRefusedAndLoggedAndADockerMemberIsServed() throws Exception {
        Requirements.requireCommand("setpriv", "util-linux");
        HelperProcess helper = start("helper.log");

        String nobody = asUser(List.of("setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"), LOCKDOWN);

        assertError(json(nobody), "refused", "user nobody (group nogroup) may not change the firewall");
        assertThat(linesWith(saved(ns), "lpm-helper")).as("nothing applied for nobody").isZero();
        assertThat(helper.log()).contains("WARNING: refused user nobody (group nogroup)");
        assertServing();

        // The instance's own client, as nobody, gets the refusal as a REFUSED with the fix.
        List<String> client = new ArrayList<>(List.of("setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                layout.classPath() + java.io.File.pathSeparator + testClasses(), ClientAsAnotherUser.class.getName(),
                layout.socket().toString()));
        Process process = new ProcessBuilder(client).redirectErrorStream(true).start();
        String outcome = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(outcome.lines().toList()).as(outcome).hasSize(3).startsWith("REFUSED",
                "sudo usermod -aG docker $USER, then log in again");
        assertThat(outcome).contains("the lpm helper refused: user nobody (group nogroup) may not change the firewall");
        assertServing();

        try (TestUser member = TestUser.create("lpmtest-helper")) {
            String reply = asUser(List.of("setpriv", "--reuid=" + member.name(), "--regid=" + member.name(),
                    "--init-groups"), STATUS);
            assertThat(json(reply).get("ok").booleanValue()).as("%s", reply).isTrue();
        }
    }

    @Test
    void strangersHoldingConnectionsOpenCannotKeepAnAllowedCallerOut() throws Exception {
        Requirements.requireCommand("setpriv", "util-linux");
        start("helper.log");
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid", "65534", "--regid", "65534",
                "--clear-groups", systemPython(), "-c", """
                import socket, sys, time
                held = []
                for _ in range(40):
                    s = socket.socket(socket.AF_UNIX)
                    s.connect(sys.argv[1])
                    held.append(s)
                print("holding", flush=True)
                time.sleep(20)
                """, layout.socket().toString()));
        Process stranger = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            var output = new java.io.BufferedReader(new java.io.InputStreamReader(stranger.getInputStream()));
            assertThat(output.readLine()).isEqualTo("holding");
            for (int i = 0; i < 3; i++) {
                assertServing();
            }
        } finally {
            stranger.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void itRefusesToStartWhenNotRoot() throws Exception {
        Requirements.requireCommand("setpriv", "util-linux");
        Process process = new ProcessBuilder(layout.command(List.of("setpriv", "--reuid", "65534", "--regid", "65534",
                "--clear-groups"))).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("lpm helper: must run as root, because it changes the firewall (you are uid 65534)")
                .contains("sudo systemctl enable --now lpm-helper.service");
        assertThat(layout.socket()).doesNotExist();
    }

    @Test
    void rulesOutliveAKilledHelperAndTheNextOneReappliesThemOnce() throws Exception {
        HelperProcess first = start("first.log");
        call(LOCKDOWN);
        call(NATIVE_PORTS);
        String before = saved(ns);
        long tagged = linesWith(before, "lpm-helper:");

        first.kill9();

        assertThat(linesWith(saved(ns), "lpm-helper:")).as("rules after kill -9").isEqualTo(tagged);
        assertThat(layout.socket()).as("a dead helper's socket").exists();
        HelperProcess second = start("second.log");
        assertThat(second.log()).contains("re-applied lockdown from", "re-applied native-ports 4000-4999 from");
        assertThat(linesWith(saved(ns), "lpm-helper:")).as("re-applied, not duplicated").isEqualTo(tagged);
        assertThat(call(STATUS).get("applied")).hasSize(2);

        // A machine that rebooted: an empty firewall, the same state file.
        second.stop();
        assertThat(linesWith(saved(ns), "lpm-helper:")).as("a stopped helper leaves the rules").isEqualTo(tagged);
        ns = namespaces.create();
        start("third.log");
        assertThat(linesWith(saved(ns), "lpm-helper:")).as("after the reboot").isEqualTo(tagged);

        call("{\"op\":\"release-all\"}");
        assertThat(linesWith(Namespaces.ok(ns, "iptables-save"), "lpm-helper")).isZero();
    }

    @Test
    void anUnreadableStateFileAppliesNothingAndIsKeptAside() throws Exception {
        Files.createDirectories(layout.state().getParent());
        Files.writeString(layout.state(), "{\"version\":1,\"applied\":[{\"ruleSet\":\"lockd");

        HelperProcess helper = start("helper.log");

        assertThat(helper.log()).contains("LOCKDOWN STATE UNKNOWN: applied nothing from it")
                .contains("moved aside to " + layout.state() + ".corrupt");
        assertThat(Path.of(layout.state() + ".corrupt")).hasContent("{\"version\":1,\"applied\":[{\"ruleSet\":\"lockd");
        assertThat(WireJson.MAPPER.readTree(Files.readString(layout.state())).get("applied")).isEmpty();
        assertThat(linesWith(saved(ns), "lpm-helper")).isZero();
        assertServing();
    }

    @Test
    void atMostSixteenConnectionsAtOnceAndTheNextIsToldSo() throws Exception {
        start("helper.log");
        List<RawClient> idle = new ArrayList<>();
        try {
            for (int i = 0; i < HelperServer.MAX_CONNECTIONS; i++) {
                idle.add(RawClient.connect(layout.socket()));
            }
            // Each idle connection has its thread by the time the 17th is accepted: accepts are in order.
            try (RawClient extra = RawClient.connect(layout.socket())) {
                assertError(json(extra.readLine()), "failed", "serving 16 connections already");
            }
        } finally {
            for (RawClient client : idle) {
                client.close();
            }
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> call(STATUS).get("ok").booleanValue());
    }

    /** A python3 every user can run (root's PATH may lead to one in root's home). */
    private static String systemPython() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3"
                : Requirements.which("python3").toString();
    }

    /** target/test-classes, for a JVM another user runs. */
    private static String testClasses() throws Exception {
        return Path.of(ClientAsAnotherUser.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** Sends one line as another user, through the system's python3, and returns the reply line. */
    private String asUser(List<String> userSwitch, String line) throws Exception {
        List<String> command = new ArrayList<>(userSwitch);
        command.addAll(List.of(systemPython(), "-c", """
                import socket, sys
                s = socket.socket(socket.AF_UNIX)
                s.settimeout(30)
                s.connect(sys.argv[1])
                s.sendall(sys.argv[2].encode() + b"\\n")
                print(s.makefile().readline().strip())
                """, layout.socket().toString(), line));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output.strip();
    }
}
