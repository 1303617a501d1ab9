package dev.lpm.enforce.helper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpm.enforce.CommandResult;
import dev.lpm.enforce.CommandRunner;
import dev.lpm.enforce.IptablesFirewall;
import dev.lpm.enforce.Namespaces;
import dev.lpm.enforce.ProcessCommandRunner;
import dev.lpm.enforce.WireJson;
import dev.lpm.testsupport.NetworkNamespace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every combination of op, rule set, ports and extra fields a client could send (valid and hostile), through
 * the helper's real socket and request handling, with the firewall in a namespace and every command it runs
 * recorded: the helper runs iptables and ip6tables only, and their arguments are the templates' words and
 * the numbers of the one valid port range; nothing a client wrote reaches a command.
 */
class HelperRunsOnlyTemplatesTest {

    /** The words a command may hold, written out here independently of RuleTemplates. */
    private static final Set<String> VOCABULARY = Set.of("-w", "-t", "filter", "raw", "-S", "-N", "-F", "-X", "-A",
            "-D", "-I", "!", "-i", "-o", "-p", "-d", "-m", "-j", "--dport", "--ctdir", "--ctstate", "--ctorigdst",
            "--comment", "comment", "conntrack", "lo", "docker0", "br-+", "podman+", "cni+", "nerdctl+", "tcp", "udp",
            "ipv6-icmp", "REPLY", "ORIGINAL", "DNAT", "NEW", "ESTABLISHED,RELATED", "127.0.0.0/8", "::1/128", "RETURN",
            "DROP", "INPUT", "PREROUTING", "DOCKER-USER", "LPM-LOCKDOWN", "LPM-LOCKDOWN-IN6", "LPM-PORTS", "LPM-DIRECT",
            "LPM-LOOPBACK", "lpm-helper:lockdown", "lpm-helper:native-ports", "lpm-helper:legacy-engine-guard",
            // numbers: the -w wait, rule positions, DHCPv6's port, and the one valid range the test sends
            "5", "1", "546", "4000:4999");
    private static final Pattern TOOL = Pattern.compile("/(usr/)?(local/)?s?bin/ip6?tables");

    @TempDir
    Path tmp;
    private final Namespaces namespaces = new Namespaces();
    private HelperServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        namespaces.close();
    }

    @Test
    void everyRequestAClientCanSendRunsOnlyTemplatedIptablesCommands() throws Exception {
        NetworkNamespace ns = namespaces.create();
        List<String> prefix = List.of("ip", "netns", "exec", ns.name());
        RecordingRunner recorder = new RecordingRunner(new ProcessCommandRunner());
        IptablesFirewall firewall = IptablesFirewall.create(prefix, recorder);
        HelperLog log = new HelperLog(new PrintWriter(new StringWriter()));
        RequestHandler handler = new RequestHandler(firewall, new StateFile(tmp.resolve("state/helper-state.json")),
                List.of(), new dev.lpm.enforce.hosts.HostsFile(tmp.resolve("hosts")), log);
        server = HelperServer.start(tmp.resolve("run/helper.sock"), handler, new PolicyFile(tmp.resolve("policy.json"), log),
                GroupDatabase.system(), log);

        List<String> requests = allCombinations();
        int ok = 0;
        try (RawClient client = RawClient.connect(server.socket())) {
            for (String request : requests) {
                JsonNode reply = WireJson.MAPPER.readTree(client.send(request));
                if (reply.get("ok").booleanValue()) {
                    ok++;
                } else {
                    assertThat(reply.at("/error/kind").asText()).as("%s -> %s", request, reply).isEqualTo("bad-request");
                }
            }
        }

        assertThat(requests).hasSizeGreaterThan(4000);
        assertThat(ok).as("status, 3 applies, 3 releases, release-all, and the last release-all").isEqualTo(9);
        assertThat(recorder.commands).isNotEmpty();
        for (List<String> argv : recorder.commands) {
            assertThat(argv.subList(0, 4)).isEqualTo(prefix);
            assertThat(argv.get(4)).as("the program of %s", argv).matches(TOOL);
            assertThat(argv.subList(5, argv.size())).as("%s", argv).allMatch(VOCABULARY::contains);
        }
        assertThat(recorder.commands).as("it changed the firewall, not only read it")
                .anyMatch(a -> a.contains("-A") && a.contains("4000:4999"));
    }

    /**
     * The hosts op writes only lpm's block, with names that are DNS labels: what an attacker would put in a
     * name (a new line with another address, a path, spaces, upper case, a number) or beside it is a bad request
     * and leaves the file as it was; it runs no command.
     */
    @Test
    void theHostsOpWritesOnlyLpmsBlockWithValidatedNames() throws Exception {
        Path hosts = tmp.resolve("hosts");
        String original = "127.0.0.1\tlocalhost\n10.1.2.3 db.internal\n";
        java.nio.file.Files.writeString(hosts, original);
        RecordingRunner recorder = new RecordingRunner(new ProcessCommandRunner());
        HelperLog log = new HelperLog(new PrintWriter(new StringWriter()));
        RequestHandler handler = new RequestHandler(IptablesFirewall.create(List.of("false"), recorder),
                new StateFile(tmp.resolve("state/helper-state.json")), List.of(),
                new dev.lpm.enforce.hosts.HostsFile(hosts), log);
        server = HelperServer.start(tmp.resolve("run/helper.sock"), handler, new PolicyFile(tmp.resolve("policy.json"), log),
                GroupDatabase.system(), log);
        List<String> hostile = List.of(
                "{\"op\":\"hosts\",\"names\":[\"api\\n1.2.3.4 bank.example\"]}",
                "{\"op\":\"hosts\",\"names\":[\"../etc/passwd\"]}",
                "{\"op\":\"hosts\",\"names\":[\"api web\"]}",
                "{\"op\":\"hosts\",\"names\":[\"API\"]}",
                "{\"op\":\"hosts\",\"names\":[7]}",
                "{\"op\":\"hosts\",\"names\":[\"api\",\"api\"]}",
                "{\"op\":\"hosts\",\"names\":\"api\"}",
                "{\"op\":\"hosts\"}",
                "{\"op\":\"hosts\",\"names\":[\"api\"],\"path\":\"/etc/shadow\"}",
                "{\"op\":\"hosts\",\"names\":[\"api\"],\"address\":\"10.0.0.1\"}");
        try (RawClient client = RawClient.connect(server.socket())) {
            for (String request : hostile) {
                JsonNode reply = WireJson.MAPPER.readTree(client.send(request));
                assertThat(reply.at("/error/kind").asText()).as("%s -> %s", request, reply).isEqualTo("bad-request");
            }
            assertThat(java.nio.file.Files.readString(hosts)).isEqualTo(original);

            JsonNode written = WireJson.MAPPER.readTree(client.send("{\"op\":\"hosts\",\"names\":[\"api\",\"web\"]}"));
            assertThat(written.get("ok").booleanValue()).as("%s", written).isTrue();
            assertThat(java.nio.file.Files.readString(hosts)).isEqualTo(original + """
                    # BEGIN lpm managed
                    127.0.0.1\tapi.localhost
                    ::1\tapi.localhost
                    127.0.0.1\tweb.localhost
                    ::1\tweb.localhost
                    # END lpm managed
                    """);
            JsonNode emptied = WireJson.MAPPER.readTree(client.send("{\"op\":\"hosts\",\"names\":[]}"));
            assertThat(emptied.get("ok").booleanValue()).as("%s", emptied).isTrue();
            assertThat(java.nio.file.Files.readString(hosts)).isEqualTo(original);
        }
        assertThat(recorder.commands).as("the hosts op runs no command").isEmpty();
    }

    /** op x ruleSet x from x to x an extra field: the valid values and what an attacker would try. */
    private static List<String> allCombinations() {
        List<Object> ops = new ArrayList<>(List.of("status", "apply", "release", "release-all", "shutdown", 7));
        ops.add(null);
        List<Object> ruleSets = new ArrayList<>(List.of("lockdown", "native-ports", "legacy-engine-guard",
                "lockdown; reboot", "../../etc/passwd", "-j ACCEPT", 42));
        ruleSets.add(null);
        List<Object> froms = new ArrayList<>(List.of(4000, 80, "4000", 4000.5, "4000 -j ACCEPT", 4000L << 33));
        froms.add(null);
        List<Object> tos = new ArrayList<>(List.of(4999, 70000, "4999;id"));
        tos.add(null);
        List<Map<String, String>> extras = List.of(Map.of(), Map.of("chain", "INPUT"), Map.of("iface", "eth0"),
                Map.of("command", "/bin/sh -c id"), Map.of("path", "/etc/shadow"));
        List<String> requests = new ArrayList<>();
        for (Object op : ops) {
            for (Object ruleSet : ruleSets) {
                for (Object from : froms) {
                    for (Object to : tos) {
                        for (Map<String, String> extra : extras) {
                            ObjectNode node = WireJson.MAPPER.createObjectNode();
                            put(node, "op", op);
                            put(node, "ruleSet", ruleSet);
                            put(node, "from", from);
                            put(node, "to", to);
                            extra.forEach(node::put);
                            requests.add(node.toString());
                        }
                    }
                }
            }
        }
        // Release everything last, so the namespace ends clean whatever order the rest ran in.
        requests.add("{\"op\":\"release-all\"}");
        return requests;
    }

    private static void put(ObjectNode node, String field, Object value) {
        switch (value) {
            case null -> { }
            case String s -> node.put(field, s);
            case Integer i -> node.put(field, i);
            case Long l -> node.put(field, l);
            case Double d -> node.put(field, d);
            default -> throw new IllegalArgumentException(String.valueOf(value));
        }
    }

    /** Runs commands through the real runner and keeps every argument list. */
    private static final class RecordingRunner implements CommandRunner {
        final List<List<String>> commands = new CopyOnWriteArrayList<>();
        private final CommandRunner delegate;

        RecordingRunner(CommandRunner delegate) {
            this.delegate = delegate;
        }

        @Override
        public CommandResult run(List<String> argv, Duration timeout) {
            commands.add(List.copyOf(argv));
            return delegate.run(argv, timeout);
        }
    }
}
