package dev.lpm.enforce;

import static dev.lpm.enforce.Namespaces.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.testsupport.NetworkNamespace;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rule sets against real traffic between namespaces of this test, which play this machine, a
 * neighbour on its network and a container: each test shows the connection that works without the rules,
 * that the rules stop it, what they leave alone, and that it works again once they are released (so it is
 * the rules, and nothing else, that stop it).
 */
class EnforcementTrafficTest {

    private static final Duration CONNECT = Duration.ofSeconds(2);
    private static final Duration SETTLE = Duration.ofSeconds(20);

    private final Namespaces namespaces = new Namespaces();

    @AfterEach
    void removeNamespaces() {
        namespaces.close();
    }

    @Test
    void nativePortsKeepAServiceBoundToEveryInterfaceToThisMachine() {
        NetworkNamespace host = namespaces.create();
        NetworkNamespace neighbour = namespaces.create();
        Namespaces.link(host, "10.77.0.1/24", neighbour, "10.77.0.2/24");
        host.start("python3", "-m", "http.server", "4321", "--bind", "0.0.0.0");
        host.start("python3", "-m", "http.server", "5321", "--bind", "0.0.0.0");
        await().atMost(SETTLE).until(() -> neighbour.canConnect("10.77.0.1", 4321, CONNECT)
                && neighbour.canConnect("10.77.0.1", 5321, CONNECT));
        IptablesFirewall firewall = Namespaces.firewallIn(host);

        firewall.apply(RuleSet.NATIVE_PORTS, new PortRange(4000, 4999));

        assertThat(neighbour.canConnect("10.77.0.1", 4321, CONNECT)).as("from the network, port in range").isFalse();
        assertThat(host.canConnect("127.0.0.1", 4321, CONNECT)).as("from this machine over lo").isTrue();
        assertThat(host.canConnect("10.77.0.1", 4321, CONNECT)).as("this machine's own address is lo too").isTrue();
        assertThat(neighbour.canConnect("10.77.0.1", 5321, CONNECT)).as("a port outside the range").isTrue();

        firewall.release(RuleSet.NATIVE_PORTS);
        assertThat(neighbour.canConnect("10.77.0.1", 4321, CONNECT)).as("released").isTrue();
    }

    /**
     * moby#45610 in small: a neighbour sends packets for 127.0.0.1 to this machine, which (with
     * route_localnet, as Docker's DNAT before version 28 amounts to) lets them reach what listens on loopback.
     */
    @Test
    void theLegacyGuardDropsPacketsForLoopbackThatArriveFromTheNetwork() {
        NetworkNamespace victim = namespaces.create();
        NetworkNamespace neighbour = namespaces.create();
        Namespaces.linkNamed(victim, "lpmtvictim", "10.77.1.1/24", neighbour, "lpmtneigh", "10.77.1.2/24");
        ok(victim, "sysctl", "-qw", "net.ipv4.conf.all.route_localnet=1", "net.ipv4.conf.lpmtvictim.route_localnet=1");
        victim.start("python3", "-m", "http.server", "8080", "--bind", "127.0.0.1");
        routeLoopbackTo(neighbour, "lpmtneigh", "10.77.1.1", "10.77.1.2");
        await().atMost(SETTLE).until(() -> neighbour.canConnect("127.0.0.1", 8080, CONNECT));
        IptablesFirewall firewall = Namespaces.firewallIn(victim);

        firewall.apply(RuleSet.LEGACY_ENGINE_GUARD, null);

        assertThat(neighbour.canConnect("127.0.0.1", 8080, CONNECT)).as("the neighbour, with the guard").isFalse();
        assertThat(victim.canConnect("127.0.0.1", 8080, CONNECT)).as("this machine itself").isTrue();

        firewall.release(RuleSet.LEGACY_ENGINE_GUARD);
        assertThat(neighbour.canConnect("127.0.0.1", 8080, CONNECT)).as("the neighbour, guard released").isTrue();
    }

    /**
     * A Docker host in small: {@code dockerhost} DNATs its port 8080 to the container's port 80 (as
     * {@code -p 8080:80} does), masquerades the container's own traffic and sends forwarded traffic through
     * DOCKER-USER; its container network's interface is called docker0. The neighbour also routes the
     * container network through it, to reach the container's address directly.
     */
    @Test
    void lockdownAndTheLegacyGuardCutContainersOffTheNetworkButNotTheirOwnTraffic() {
        NetworkNamespace neighbour = namespaces.create();
        NetworkNamespace dockerhost = namespaces.create();
        NetworkNamespace container = namespaces.create();
        Namespaces.link(neighbour, "192.0.2.2/24", dockerhost, "192.0.2.1/24");
        Namespaces.linkNamed(dockerhost, "docker0", "172.31.255.1/24", container, "lpmtcont", "172.31.255.2/24");
        ok(container, "ip", "route", "add", "default", "via", "172.31.255.1");
        ok(neighbour, "ip", "route", "add", "172.31.255.0/24", "via", "192.0.2.1");
        ok(dockerhost, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        ok(dockerhost, "iptables", "-N", "DOCKER-USER");
        ok(dockerhost, "iptables", "-A", "FORWARD", "-j", "DOCKER-USER");
        ok(dockerhost, "iptables", "-t", "nat", "-A", "PREROUTING", "!", "-i", "docker0", "-p", "tcp", "--dport", "8080",
                "-j", "DNAT", "--to-destination", "172.31.255.2:80");
        ok(dockerhost, "iptables", "-t", "nat", "-A", "POSTROUTING", "-s", "172.31.255.0/24", "!", "-o", "docker0",
                "-j", "MASQUERADE");
        container.start("python3", "-m", "http.server", "80", "--bind", "0.0.0.0");
        neighbour.start("python3", "-m", "http.server", "9000", "--bind", "0.0.0.0");
        await().atMost(SETTLE).until(() -> neighbour.canConnect("192.0.2.1", 8080, CONNECT)
                && neighbour.canConnect("172.31.255.2", 80, CONNECT) && container.canConnect("192.0.2.2", 9000, CONNECT));
        IptablesFirewall firewall = Namespaces.firewallIn(dockerhost);

        firewall.apply(RuleSet.LEGACY_ENGINE_GUARD, null);
        assertThat(neighbour.canConnect("172.31.255.2", 80, CONNECT)).as("straight to the container, guard").isFalse();
        assertThat(neighbour.canConnect("192.0.2.1", 8080, CONNECT)).as("published port, guard alone").isTrue();
        assertThat(container.canConnect("192.0.2.2", 9000, CONNECT)).as("the container's own connection").isTrue();

        firewall.apply(RuleSet.LOCKDOWN, null);
        assertThat(neighbour.canConnect("192.0.2.1", 8080, CONNECT)).as("published port, lockdown").isFalse();
        assertThat(container.canConnect("192.0.2.2", 9000, CONNECT)).as("the container's own connection").isTrue();
        assertThat(dockerhost.canConnect("172.31.255.2", 80, CONNECT)).as("the host to its container").isTrue();

        firewall.releaseAll();
        assertThat(neighbour.canConnect("192.0.2.1", 8080, CONNECT)).as("published port, released").isTrue();
        assertThat(neighbour.canConnect("172.31.255.2", 80, CONNECT)).as("straight to the container, released").isTrue();
    }

    /**
     * Docker without ip6tables answers IPv6 on a published port from docker-proxy, a process on the host
     * (played by a server bound to ::). Lockdown closes new IPv6 connections from the network to this machine;
     * loopback, IPv4, and this machine's own IPv6 connections out (neighbour discovery included) keep working.
     */
    @Test
    void lockdownClosesIpv6FromTheNetworkToThisMachineAndNothingElse() {
        NetworkNamespace host = namespaces.create();
        NetworkNamespace neighbour = namespaces.create();
        Namespaces.linkNamed(host, "lpmthost6", "fd00:77::1/64", neighbour, "lpmtneigh6", "fd00:77::2/64");
        ok(host, "ip", "addr", "add", "10.77.2.1/24", "dev", "lpmthost6");
        ok(neighbour, "ip", "addr", "add", "10.77.2.2/24", "dev", "lpmtneigh6");
        host.start("python3", "-m", "http.server", "8080", "--bind", "::");
        neighbour.start("python3", "-m", "http.server", "9000", "--bind", "::");
        await().atMost(SETTLE).until(() -> neighbour.canConnect("fd00:77::1", 8080, CONNECT)
                && neighbour.canConnect("10.77.2.1", 8080, CONNECT) && host.canConnect("fd00:77::2", 9000, CONNECT));
        IptablesFirewall firewall = Namespaces.firewallIn(host);

        firewall.apply(RuleSet.LOCKDOWN, null);
        ok(host, "ip", "-6", "neigh", "flush", "all");
        ok(neighbour, "ip", "-6", "neigh", "flush", "all");

        assertThat(neighbour.canConnect("fd00:77::1", 8080, CONNECT)).as("IPv6 from the network").isFalse();
        assertThat(host.canConnect("::1", 8080, CONNECT)).as("IPv6 over loopback").isTrue();
        assertThat(host.canConnect("fd00:77::2", 9000, CONNECT)).as("this machine's IPv6 connection out").isTrue();
        assertThat(neighbour.canConnect("10.77.2.1", 8080, CONNECT)).as("IPv4 to a host process").isTrue();

        firewall.release(RuleSet.LOCKDOWN);
        assertThat(neighbour.canConnect("fd00:77::1", 8080, CONNECT)).as("released").isTrue();
    }

    /** What the neighbour does: send packets for 127.0.0.1 to the victim, and accept answers from 127.0.0.1. */
    private static void routeLoopbackTo(NetworkNamespace ns, String dev, String victim, String self) {
        ok(ns, "sysctl", "-qw", "net.ipv4.conf.all.route_localnet=1", "net.ipv4.conf." + dev + ".route_localnet=1",
                "net.ipv4.conf." + dev + ".accept_local=1");
        ok(ns, "ip", "route", "del", "local", "127.0.0.0/8", "dev", "lo", "table", "local");
        ok(ns, "ip", "route", "del", "local", "127.0.0.1", "dev", "lo", "table", "local");
        ok(ns, "ip", "route", "add", "127.0.0.1/32", "via", victim, "dev", dev, "src", self);
    }
}
