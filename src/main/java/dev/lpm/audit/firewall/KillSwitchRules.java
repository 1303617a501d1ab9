package dev.lpm.audit.firewall;

import java.util.ArrayList;
import java.util.List;

/**
 * The optional system-level VPN kill switch: traffic may use loopback and the tunnel, plus the VPN
 * server's own address (so the tunnel can come back up); everything else is dropped, for IPv4 and
 * IPv6. Printed with a loud warning, because it takes the machine offline whenever the VPN is down.
 */
public final class KillSwitchRules {

    public static final String OUT = "LPM-KILLSWITCH-OUT";
    public static final String IN = "LPM-KILLSWITCH-IN";

    private KillSwitchRules() {}

    /**
     * @param tunnel    the tunnel interface, e.g. {@code tun0} or {@code wg0}
     * @param endpoints the VPN server as {@code ADDRESS:PORT/PROTO} (e.g. {@code 203.0.113.5:1194/udp}),
     *                  reachable outside the tunnel
     */
    public static FirewallPlan iptables(String tunnel, List<String> endpoints) {
        if (!tunnel.matches("[A-Za-z0-9_.+-]{1,15}")) {
            throw new IllegalArgumentException("not an interface name: " + tunnel);
        }
        List<Endpoint> parsed = endpoints.stream().map(Endpoint::parse).toList();
        List<FirewallStep> steps = new ArrayList<>();
        for (String tool : List.of("iptables", "ip6tables")) {
            boolean v6 = tool.equals("ip6tables");
            steps.add(FirewallStep.tolerate(tool, "-N", OUT));
            steps.add(FirewallStep.run(tool, "-F", OUT));
            steps.add(FirewallStep.run(tool, "-A", OUT, "-o", "lo", "-j", "RETURN"));
            steps.add(FirewallStep.run(tool, "-A", OUT, "-o", tunnel, "-j", "RETURN"));
            for (Endpoint e : parsed) {
                if (e.v6() == v6) {
                    steps.add(FirewallStep.run(tool, "-A", OUT, "-d", e.address(), "-p", e.protocol(), "--dport",
                            e.port(), "-j", "RETURN"));
                }
            }
            steps.add(FirewallStep.run(tool, "-A", OUT, "-j", "DROP"));
            steps.add(FirewallStep.tolerate(tool, "-N", IN));
            steps.add(FirewallStep.run(tool, "-F", IN));
            steps.add(FirewallStep.run(tool, "-A", IN, "-i", "lo", "-j", "RETURN"));
            steps.add(FirewallStep.run(tool, "-A", IN, "-i", tunnel, "-j", "RETURN"));
            steps.add(FirewallStep.run(tool, "-A", IN, "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j",
                    "RETURN"));
            steps.add(FirewallStep.run(tool, "-A", IN, "-j", "DROP"));
            steps.add(FirewallStep.tolerate(tool, "-D", "OUTPUT", "-j", OUT));
            steps.add(FirewallStep.run(tool, "-I", "OUTPUT", "1", "-j", OUT));
            steps.add(FirewallStep.tolerate(tool, "-D", "INPUT", "-j", IN));
            steps.add(FirewallStep.run(tool, "-I", "INPUT", "1", "-j", IN));
        }
        return new FirewallPlan("lpm: system-level VPN kill switch (iptables) for " + tunnel, List.of(
                "WARNING: this drops ALL traffic that does not go through " + tunnel + " (or to the VPN server):"
                        + " while the VPN is down this machine is offline, LAN and DNS included.",
                "To undo: iptables -D OUTPUT -j " + OUT + "; iptables -D INPUT -j " + IN
                        + " (and the same with ip6tables).",
                parsed.isEmpty() ? "No VPN server given (--vpn-endpoint): the tunnel cannot reconnect once it drops."
                        : "VPN server allowed outside the tunnel: " + String.join(", ", endpoints)),
                steps);
    }

    record Endpoint(String address, String port, String protocol, boolean v6) {
        static Endpoint parse(String text) {
            String proto = "udp";
            String rest = text.trim();
            int slash = rest.lastIndexOf('/');
            if (slash > 0) {
                proto = rest.substring(slash + 1);
                rest = rest.substring(0, slash);
            }
            int colon = rest.lastIndexOf(':');
            if (colon < 0 || !proto.matches("tcp|udp")) {
                throw new IllegalArgumentException("VPN endpoint must be ADDRESS:PORT[/udp|/tcp]: " + text);
            }
            String address = rest.substring(0, colon).replace("[", "").replace("]", "");
            String port = rest.substring(colon + 1);
            if (!port.matches("\\d{1,5}") || !address.matches("[0-9A-Fa-f.:]+")) {
                throw new IllegalArgumentException("VPN endpoint must be ADDRESS:PORT[/udp|/tcp]: " + text);
            }
            return new Endpoint(address, port, proto, address.contains(":"));
        }
    }
}
