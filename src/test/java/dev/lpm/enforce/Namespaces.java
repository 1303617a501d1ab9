package dev.lpm.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.testsupport.NetworkNamespace;
import dev.lpm.testsupport.Requirements;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Network namespaces {@code lpmtest-helper-*} for the firewall tests, linked to each other (never to the
 * host: nothing is made in the host's namespace, and every rule lives inside one of them). {@link #close}
 * removes them all, with whatever runs inside; call it from {@code @AfterEach}.
 */
public final class Namespaces implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final List<NetworkNamespace> made = new ArrayList<>();

    /** Skips the test (fails it under CI) unless this machine can run it. */
    public static void requireFirewallTools() {
        Requirements.requireRoot();
        Requirements.requireCommand("ip", "iproute2");
        Requirements.requireCommand("iptables", "iptables");
        Requirements.requireCommand("ip6tables", "iptables");
        Requirements.requireCommand("iptables-save", "iptables");
        Requirements.requireCommand("python3", "python3");
    }

    public NetworkNamespace create() {
        requireFirewallTools();
        NetworkNamespace ns = NetworkNamespace.create("helper");
        made.add(ns);
        return ns;
    }

    /** The firewall inside {@code ns}, run through {@code ip netns exec}. */
    public static IptablesFirewall firewallIn(NetworkNamespace ns) {
        return IptablesFirewall.create(List.of("ip", "netns", "exec", ns.name()), new ProcessCommandRunner());
    }

    /** A veth pair between two of our namespaces, made from inside the first one, addresses in CIDR form. */
    public static void link(NetworkNamespace a, String cidrA, NetworkNamespace b, String cidrB) {
        String id = Integer.toString(RANDOM.nextInt(1 << 25) | (1 << 25), 36);
        String ifA = NetworkNamespace.LINK_PREFIX + id + "a";
        String ifB = NetworkNamespace.LINK_PREFIX + id + "b";
        linkNamed(a, ifA, cidrA, b, ifB, cidrB);
    }

    /** The same with chosen interface names (they live inside the namespaces: "docker0" here is no one else's). */
    public static void linkNamed(NetworkNamespace a, String ifA, String cidrA, NetworkNamespace b, String ifB,
                                 String cidrB) {
        ok(a, "ip", "link", "add", ifA, "type", "veth", "peer", "name", ifB, "netns", b.name());
        address(a, ifA, cidrA);
        address(b, ifB, cidrB);
        ok(a, "ip", "link", "set", ifA, "up");
        ok(b, "ip", "link", "set", ifB, "up");
    }

    private static void address(NetworkNamespace ns, String dev, String cidr) {
        if (cidr.contains(":")) {
            ok(ns, "ip", "-6", "addr", "add", cidr, "dev", dev, "nodad");
        } else {
            ok(ns, "ip", "addr", "add", cidr, "dev", dev);
        }
    }

    /** Runs a command inside {@code ns}; it must succeed. */
    public static String ok(NetworkNamespace ns, String... command) {
        NetworkNamespace.ExecResult result = ns.exec(command);
        assertThat(result.ok()).as("%s in %s: %s", String.join(" ", command), ns.name(), result.output()).isTrue();
        return result.output();
    }

    /** iptables-save and ip6tables-save inside {@code ns}. */
    public static String saved(NetworkNamespace ns) {
        return ok(ns, "iptables-save") + ok(ns, "ip6tables-save");
    }

    /** How many lines of the saved rules mention {@code text}. */
    public static long linesWith(String saved, String text) {
        return saved.lines().filter(l -> l.contains(text)).count();
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (NetworkNamespace ns : made) {
            try {
                ns.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        made.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
