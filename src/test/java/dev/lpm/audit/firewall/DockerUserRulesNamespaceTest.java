package dev.lpm.audit.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.testsupport.NetworkNamespace;
import dev.lpm.testsupport.Requirements;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The generated DOCKER-USER rules, applied for real, inside namespaces of this test (never on the
 * host). Three namespaces play Docker's roles: {@code dockerhost} DNATs its ports 8080 and 9090 to
 * {@code container}'s port 80, as Docker does for {@code -p 8080:80}, and forwards through a
 * DOCKER-USER chain hooked into FORWARD; {@code attacker} is another machine on the LAN.
 *
 * <p>After DNAT both published ports arrive at the container as port 80, so a rule can keep 8080 out
 * and let 9090 in only by matching the original destination port with conntrack: which is what the
 * test shows. It also shows that an INPUT rule (what UFW writes) does not stop DNAT'ed traffic.
 */
class DockerUserRulesNamespaceTest {

    private static final Duration CONNECT = Duration.ofSeconds(2);
    private static final String LAN_HOST = "192.0.2.1";
    private static final String LAN_ATTACKER = "192.0.2.2";
    private static final String BRIDGE_HOST = "172.31.255.1";
    private static final String CONTAINER = "172.31.255.2";

    private final List<NetworkNamespace> namespaces = new ArrayList<>();

    @AfterEach
    void removeNamespaces() {
        // Deleting a namespace deletes its veth ends and every rule in it: nothing reaches the host.
        namespaces.forEach(NetworkNamespace::close);
    }

    @Test
    void publishedPortIsDroppedFromTheLanByItsOriginalPortWhileAnInputRuleIsNot() {
        Requirements.requireRoot();
        Requirements.requireCommand("iptables", "iptables");
        Requirements.requireCommand("python3", "python3");
        NetworkNamespace attacker = namespace("fwattacker");
        NetworkNamespace host = namespace("fwdockerhost");
        NetworkNamespace container = namespace("fwcontainer");
        link(attacker, LAN_ATTACKER, host, LAN_HOST);
        link(container, CONTAINER, host, BRIDGE_HOST);
        ok(container, "ip", "route", "add", "default", "via", BRIDGE_HOST);
        ok(host, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        container.start("python3", "-m", "http.server", "80", "--bind", "0.0.0.0");

        // What Docker sets up for -p 8080:80 and -p 9090:80, and its (empty) DOCKER-USER chain.
        for (String port : List.of("8080", "9090")) {
            ok(host, "iptables", "-t", "nat", "-A", "PREROUTING", "-p", "tcp", "--dport", port, "-j", "DNAT",
                    "--to-destination", CONTAINER + ":80");
        }
        ok(host, "iptables", "-N", "DOCKER-USER");
        ok(host, "iptables", "-A", "DOCKER-USER", "-j", "RETURN");
        ok(host, "iptables", "-A", "FORWARD", "-j", "DOCKER-USER");
        // What UFW would write: it never sees the DNAT'ed packets.
        ok(host, "iptables", "-A", "INPUT", "-p", "tcp", "--dport", "8080", "-j", "DROP");

        await().atMost(Duration.ofSeconds(20)).until(() -> attacker.canConnect(LAN_HOST, 8080, CONNECT));
        assertThat(attacker.canConnect(LAN_HOST, 9090, CONNECT)).isTrue();

        FirewallApplier applier = new FirewallApplier(List.of("ip", "netns", "exec", host.name()));
        FirewallPlan plan = DockerUserRules.iptables(List.of(FilteredPort.parse("8080")));
        applier.apply(plan);

        assertThat(attacker.canConnect(LAN_HOST, 8080, CONNECT)).as("8080 after the rules").isFalse();
        assertThat(attacker.canConnect(LAN_HOST, 9090, CONNECT)).as("9090, not in the rules").isTrue();

        // Running the script again replaces the rules instead of stacking them.
        applier.apply(plan);
        String forward = ok(host, "iptables", "-S", "DOCKER-USER");
        assertThat(forward.lines().filter(l -> l.contains("-j LPM-DOCKER"))).hasSize(1);
        assertThat(forward.lines().skip(1).findFirst()).hasValue("-A DOCKER-USER -j LPM-DOCKER");
        assertThat(ok(host, "iptables", "-S", "LPM-DOCKER").lines().filter(l -> l.contains("--ctorigdstport")))
                .hasSize(1);
        assertThat(attacker.canConnect(LAN_HOST, 8080, CONNECT)).isFalse();
        assertThat(attacker.canConnect(LAN_HOST, 9090, CONNECT)).isTrue();
    }

    @Test
    void withoutPortsEveryPublishedPortIsDroppedButTheHostsOwnServerIsNot() {
        Requirements.requireRoot();
        Requirements.requireCommand("iptables", "iptables");
        Requirements.requireCommand("python3", "python3");
        NetworkNamespace attacker = namespace("fwattacker");
        NetworkNamespace host = namespace("fwdockerhost");
        NetworkNamespace container = namespace("fwcontainer");
        link(attacker, LAN_ATTACKER, host, LAN_HOST);
        link(container, CONTAINER, host, BRIDGE_HOST);
        ok(container, "ip", "route", "add", "default", "via", BRIDGE_HOST);
        ok(host, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        container.start("python3", "-m", "http.server", "80", "--bind", "0.0.0.0");
        host.start("python3", "-m", "http.server", "7000", "--bind", "0.0.0.0");
        ok(host, "iptables", "-t", "nat", "-A", "PREROUTING", "-p", "tcp", "--dport", "8080", "-j", "DNAT",
                "--to-destination", CONTAINER + ":80");
        ok(host, "iptables", "-N", "DOCKER-USER");
        ok(host, "iptables", "-A", "FORWARD", "-j", "DOCKER-USER");
        await().atMost(Duration.ofSeconds(20)).until(() -> attacker.canConnect(LAN_HOST, 8080, CONNECT)
                && attacker.canConnect(LAN_HOST, 7000, CONNECT));

        new FirewallApplier(List.of("ip", "netns", "exec", host.name())).apply(DockerUserRules.iptables(List.of()));

        assertThat(attacker.canConnect(LAN_HOST, 8080, CONNECT)).isFalse();
        // Not Docker's business: the rules touch forwarded, DNAT'ed traffic only.
        assertThat(attacker.canConnect(LAN_HOST, 7000, CONNECT)).isTrue();
    }

    private NetworkNamespace namespace(String purpose) {
        NetworkNamespace ns = NetworkNamespace.create(purpose);
        namespaces.add(ns);
        return ns;
    }

    /** A veth pair between two of our namespaces, made from inside the first one (never in the host's). */
    private static void link(NetworkNamespace a, String addressA, NetworkNamespace b, String addressB) {
        String id = Integer.toString(new SecureRandom().nextInt(1 << 25) | (1 << 25), 36);
        String ifA = NetworkNamespace.LINK_PREFIX + id + "a";
        String ifB = NetworkNamespace.LINK_PREFIX + id + "b";
        ok(a, "ip", "link", "add", ifA, "type", "veth", "peer", "name", ifB, "netns", b.name());
        ok(a, "ip", "addr", "add", addressA + "/24", "dev", ifA);
        ok(b, "ip", "addr", "add", addressB + "/24", "dev", ifB);
        ok(a, "ip", "link", "set", ifA, "up");
        ok(b, "ip", "link", "set", ifB, "up");
    }

    private static String ok(NetworkNamespace ns, String... command) {
        NetworkNamespace.ExecResult result = ns.exec(command);
        assertThat(result.ok()).as("%s in %s: %s", String.join(" ", command), ns.name(), result.output()).isTrue();
        return result.output();
    }
}
