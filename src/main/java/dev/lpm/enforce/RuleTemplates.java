package dev.lpm.enforce;

import static dev.lpm.enforce.ChainTemplate.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The only rules lpm's firewall code writes: fixed text, plus the numbers of a validated
 * {@link PortRange}. Nothing here comes from a client: no interface name, address, chain or option.
 * Why each rule exists is in README.md, "How lpm enforces".
 */
public final class RuleTemplates {

    public static final String DOCKER_USER = "DOCKER-USER";
    public static final String LOCKDOWN_CHAIN = "LPM-LOCKDOWN";
    public static final String LOCKDOWN_INPUT6_CHAIN = "LPM-LOCKDOWN-IN6";
    public static final String PORTS_CHAIN = "LPM-PORTS";
    public static final String DIRECT_CHAIN = "LPM-DIRECT";
    public static final String LOOPBACK_CHAIN = "LPM-LOOPBACK";

    /** Interfaces of container networks: Docker's default and user bridges, Podman, CNI, nerdctl. */
    public static final List<String> CONTAINER_BRIDGES = List.of("docker0", "br-+", "podman+", "cni+", "nerdctl+");
    /** DHCPv6 clients listen here; the server's answer is not a reply conntrack knows. */
    static final String DHCPV6_CLIENT_PORT = "546";

    /** The port range NATIVE_PORTS stands for when only its chains matter (release, listing). */
    private static final PortRange ANY_RANGE = new PortRange(PortRange.LOWEST, PortRange.HIGHEST);

    private RuleTemplates() {}

    /** Every chain of {@code set} for the families this machine has, in the order they are applied. */
    public static List<ChainTemplate> chains(RuleSet set, PortRange ports, Set<IpFamily> families) {
        List<ChainTemplate> all = switch (set) {
            case LOCKDOWN -> lockdown();
            case NATIVE_PORTS -> nativePorts(ports == null ? ANY_RANGE : ports);
            case LEGACY_ENGINE_GUARD -> legacyEngineGuard();
        };
        return all.stream().filter(c -> families.contains(c.family())).toList();
    }

    /**
     * Published (DNAT'ed) traffic to a container is dropped unless its original destination was loopback;
     * traffic from the host and from containers, and replies, pass. IPv6 also closes INPUT to new tcp and
     * udp from the network, because Docker without ip6tables answers IPv6 on published ports from
     * docker-proxy, a host process.
     */
    static List<ChainTemplate> lockdown() {
        RuleSet set = RuleSet.LOCKDOWN;
        List<ChainTemplate> chains = new ArrayList<>();
        for (IpFamily family : IpFamily.values()) {
            List<List<String>> rules = new ArrayList<>(fromLoopbackOrContainers(set));
            rules.add(rule(set, "RETURN", "-m", "conntrack", "--ctdir", "REPLY"));
            rules.add(rule(set, "DROP", "-m", "conntrack", "--ctstate", "DNAT", "--ctdir", "ORIGINAL",
                    "!", "--ctorigdst", family.loopback()));
            chains.add(new ChainTemplate(set, family, "filter", DOCKER_USER, LOCKDOWN_CHAIN, rules));
        }
        List<List<String>> input6 = new ArrayList<>(fromLoopbackOrContainers(set));
        input6.add(rule(set, "RETURN", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED"));
        input6.add(rule(set, "RETURN", "-p", "ipv6-icmp"));
        input6.add(rule(set, "RETURN", "-p", "udp", "--dport", DHCPV6_CLIENT_PORT));
        input6.add(rule(set, "DROP", "-p", "tcp", "-m", "conntrack", "--ctstate", "NEW"));
        input6.add(rule(set, "DROP", "-p", "udp", "-m", "conntrack", "--ctstate", "NEW"));
        chains.add(new ChainTemplate(set, IpFamily.V6, "filter", "INPUT", LOCKDOWN_INPUT6_CHAIN, input6));
        return chains;
    }

    /** New tcp and udp connections to lpm's ports from anywhere but loopback are dropped. */
    static List<ChainTemplate> nativePorts(PortRange ports) {
        RuleSet set = RuleSet.NATIVE_PORTS;
        List<ChainTemplate> chains = new ArrayList<>();
        for (IpFamily family : IpFamily.values()) {
            List<List<String>> rules = new ArrayList<>();
            for (String protocol : List.of("tcp", "udp")) {
                rules.add(rule(set, "DROP", "!", "-i", "lo", "-p", protocol, "--dport", ports.iptablesSpec(),
                        "-m", "conntrack", "--ctstate", "NEW"));
            }
            chains.add(new ChainTemplate(set, family, "filter", "INPUT", PORTS_CHAIN, rules));
        }
        return chains;
    }

    /**
     * What Docker 28 does and older engines do not (IPv4): packets for 127/8 that arrive on another
     * interface are dropped before Docker's DNAT sees them (moby#45610), and packets a neighbour routes
     * straight to a container address (not published, so not DNAT'ed) are dropped.
     */
    static List<ChainTemplate> legacyEngineGuard() {
        RuleSet set = RuleSet.LEGACY_ENGINE_GUARD;
        ChainTemplate loopback = new ChainTemplate(set, IpFamily.V4, "raw", "PREROUTING", LOOPBACK_CHAIN,
                List.of(rule(set, "DROP", "!", "-i", "lo", "-d", IpFamily.V4.loopback())));
        List<List<String>> direct = new ArrayList<>(fromLoopbackOrContainers(set));
        direct.add(rule(set, "RETURN", "-m", "conntrack", "--ctdir", "REPLY"));
        direct.add(rule(set, "RETURN", "-m", "conntrack", "--ctstate", "DNAT"));
        for (String bridge : CONTAINER_BRIDGES) {
            direct.add(rule(set, "DROP", "-o", bridge));
        }
        return List.of(loopback, new ChainTemplate(set, IpFamily.V4, "filter", DOCKER_USER, DIRECT_CHAIN, direct));
    }

    /** RETURN for what comes from this host or its containers: their traffic is not the network's. */
    private static List<List<String>> fromLoopbackOrContainers(RuleSet set) {
        List<List<String>> rules = new ArrayList<>();
        rules.add(rule(set, "RETURN", "-i", "lo"));
        for (String bridge : CONTAINER_BRIDGES) {
            rules.add(rule(set, "RETURN", "-i", bridge));
        }
        return rules;
    }
}
