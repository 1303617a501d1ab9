package dev.lpm.audit.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Rules that keep Docker-published ports to this machine. They live in Docker's {@code DOCKER-USER}
 * chain (FORWARD), which Docker leaves to the user and never rewrites. Rules in INPUT never see
 * published ports: Docker DNATs the packet in PREROUTING to the container's address, so it is
 * forwarded, not delivered, and its destination port is already the container's port. That is why
 * UFW does not protect Docker ports, and why these rules match the ORIGINAL destination port with
 * conntrack ({@code --ctorigdstport}), the port the client actually connected to.
 *
 * <p>Our rules sit in a chain of their own ({@code LPM-DOCKER}) that DOCKER-USER jumps to first, so
 * running the script again replaces them instead of piling up duplicates.
 */
public final class DockerUserRules {

    public static final String CHAIN = "LPM-DOCKER";

    /** Local traffic: loopback, and containers reaching each other through published ports. */
    static final List<String> TRUSTED_INPUTS = List.of("lo", "docker0", "br-+");

    private DockerUserRules() {}

    /** iptables commands; with no ports, every DNAT'ed (published) connection from outside is dropped. */
    public static FirewallPlan iptables(List<FilteredPort> ports) {
        SortedSet<FilteredPort> sorted = new TreeSet<>(ports);
        List<FirewallStep> steps = new ArrayList<>(List.of(
                FirewallStep.tolerate("iptables", "-N", CHAIN),
                FirewallStep.run("iptables", "-F", CHAIN),
                FirewallStep.tolerate("iptables", "-D", "DOCKER-USER", "-j", CHAIN),
                FirewallStep.run("iptables", "-I", "DOCKER-USER", "1", "-j", CHAIN),
                FirewallStep.run("iptables", "-A", CHAIN, "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED",
                        "-j", "RETURN")));
        for (String in : TRUSTED_INPUTS) {
            steps.add(FirewallStep.run("iptables", "-A", CHAIN, "-i", in, "-j", "RETURN"));
        }
        if (sorted.isEmpty()) {
            steps.add(FirewallStep.run("iptables", "-A", CHAIN, "-m", "conntrack", "--ctstate", "DNAT", "--ctdir",
                    "ORIGINAL", "-j", "DROP"));
        }
        for (FilteredPort p : sorted) {
            steps.add(FirewallStep.run("iptables", "-A", CHAIN, "-p", p.protocol(), "-m", "conntrack",
                    "--ctorigdstport", Integer.toString(p.port()), "--ctdir", "ORIGINAL", "-j", "DROP"));
        }
        steps.add(FirewallStep.run("iptables", "-A", CHAIN, "-j", "RETURN"));
        // Engines before 28.0 accept packets for 127.0.0.1-published ports from the LAN; drop them early.
        steps.add(FirewallStep.tolerate("iptables", "-t", "raw", "-D", "PREROUTING", "!", "-i", "lo", "-d",
                "127.0.0.0/8", "-j", "DROP"));
        steps.add(FirewallStep.run("iptables", "-t", "raw", "-I", "PREROUTING", "!", "-i", "lo", "-d", "127.0.0.0/8",
                "-j", "DROP"));
        return new FirewallPlan("lpm: Docker-published ports reachable from this machine only (iptables)",
                notes(sorted), steps);
    }

    /**
     * The same rules as nft commands, for the {@code ip filter} table that Docker (through iptables-nft)
     * creates. Do not mix with an iptables-legacy Docker.
     */
    public static FirewallPlan nft(List<FilteredPort> ports) {
        SortedSet<FilteredPort> sorted = new TreeSet<>(ports);
        List<FirewallStep> steps = new ArrayList<>(List.of(
                FirewallStep.tolerate("nft", "add", "chain", "ip", "filter", CHAIN),
                FirewallStep.run("nft", "flush", "chain", "ip", "filter", CHAIN),
                FirewallStep.run("nft", "add", "rule", "ip", "filter", CHAIN, "ct", "state", "established,related",
                        "return")));
        for (String in : TRUSTED_INPUTS) {
            steps.add(FirewallStep.run("nft", "add", "rule", "ip", "filter", CHAIN, "iifname",
                    in.replace('+', '*'), "return"));
        }
        if (sorted.isEmpty()) {
            steps.add(FirewallStep.run("nft", "add", "rule", "ip", "filter", CHAIN, "ct", "status", "dnat", "ct",
                    "direction", "original", "drop"));
        }
        for (FilteredPort p : sorted) {
            steps.add(FirewallStep.run("nft", "add", "rule", "ip", "filter", CHAIN, "meta", "l4proto", p.protocol(),
                    "ct", "original", "proto-dst", Integer.toString(p.port()), "ct", "direction", "original", "drop"));
        }
        steps.add(FirewallStep.run("nft", "add", "rule", "ip", "filter", CHAIN, "return"));
        List<String> notes = new ArrayList<>(notes(sorted));
        notes.add("Run once: the jump below is added again on every run (nft cannot delete a rule by its text).");
        steps.add(FirewallStep.run("nft", "insert", "rule", "ip", "filter", "DOCKER-USER", "jump", CHAIN));
        return new FirewallPlan("lpm: Docker-published ports reachable from this machine only (nft)", notes, steps);
    }

    private static List<String> notes(SortedSet<FilteredPort> ports) {
        List<String> notes = new ArrayList<>();
        notes.add("Rules in DOCKER-USER, matching the port the client connected to (conntrack original"
                + " destination port): INPUT rules and UFW never see Docker's DNAT'ed traffic.");
        notes.add(ports.isEmpty() ? "Drops every connection from outside to any published port."
                : "Drops connections from outside to: " + String.join(", ", ports.stream().map(Object::toString).toList())
                        + ". Ports published later are not covered: run lpm firewall again.");
        notes.add("Loopback and container-to-container traffic (docker0, br-*) stays allowed. IPv4 only;"
                + " with IPv6 enabled in Docker, repeat with ip6tables.");
        return notes;
    }
}
