package dev.lpm.vpn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.VpnPatterns;
import dev.lpm.core.VpnStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VpnRulesTest {

    private static final VpnRules RULES = new VpnRules(VpnPatterns.DEFAULTS);
    private static final InterfaceEvidence ETH0 = up("eth0", false, "192.168.1.20", "fe80::1");

    static InterfaceEvidence up(String name, boolean p2p, String... addresses) {
        return new InterfaceEvidence(name, "", true, p2p, List.of(addresses));
    }

    static PublicRoute routeVia(String name, String via) {
        return new PublicRoute(name, null, via, via.endsWith("/1"));
    }

    static VpnStatus judge(PublicRoute route, InterfaceEvidence... interfaces) {
        return RULES.judge(new Evidence(List.of(interfaces), List.of(), route));
    }

    @Test
    void tunnelCarryingThePublicRouteIsActiveAndSaysSo() {
        VpnStatus s = judge(routeVia("tun0", "kernel route to 1.1.1.1"), ETH0, up("tun0", true, "10.8.0.2"));
        assertThat(s.active()).isTrue();
        assertThat(s.interfaces()).containsExactly("tun0");
        assertThat(s.routeInterface()).isEqualTo("tun0");
        assertThat(s.reasons()).containsExactly("tun0 is up with 10.8.0.2 and carries the public route (kernel route to 1.1.1.1)");
    }

    @Test
    void splitTunnelIsActiveAndNamesWherePublicTrafficGoes() {
        VpnStatus s = judge(routeVia("eth0", "default route"), ETH0, up("wg0", true, "10.2.0.2"));
        assertThat(s.active()).isTrue();
        assertThat(s.reasons()).containsExactly("wg0 is up with 10.2.0.2 and carries only some routes (split tunnel)",
                "public traffic goes to eth0 (default route), not through the tunnel: a split tunnel, or policy routing this view cannot see");
    }

    @Test
    void tunnelWithoutCarrierIsAHintNotActive() {
        InterfaceEvidence dead = new InterfaceEvidence("tun0", "", false, true, List.of("10.8.0.2"));
        VpnStatus s = judge(routeVia("eth0", "default route"), ETH0, dead);
        assertThat(s.active()).isFalse();
        assertThat(s.hints()).singleElement().asString().contains("tun0", "down", "no carrier");
    }

    @Test
    void tunnelWithOnlyLinkLocalAddressIsAHint() {
        VpnStatus s = judge(routeVia("eth0", "default route"), ETH0, up("tun0", true, "fe80::5"));
        assertThat(s.active()).isFalse();
        assertThat(s.hints()).singleElement().asString().contains("has no address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tun0", "tap3", "wg0", "wg0-mullvad", "wg-home", "ppp0", "ipsec0", "ipsec", "proton0",
            "nordlynx", "NordLynx", "tailscale0", "ztabcdef12", "myprotonlink", "nordtun"})
    void defaultPatternsMatch(String name) {
        assertThat(judge(routeVia("eth0", "default route"), ETH0, up(name, false, "10.9.0.2")).interfaces())
                .containsExactly(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TAP-Windows Adapter V9", "WireGuard Tunnel #2", "Wintun Userspace Tunnel",
            "OpenVPN Data Channel Offload", "TAP-NordVPN Windows Adapter V9", "Tailscale Tunnel", "NordLynx Tunnel"})
    void windowsDescriptionsMatch(String description) {
        InterfaceEvidence adapter = new InterfaceEvidence("net7", description, true, false, List.of("10.5.0.2"));
        assertThat(judge(null, adapter).interfaces()).containsExactly("net7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker0", "br-a11fffb3618a", "veth76466cb", "lo", "virbr0"})
    void dockerBridgesVethsAndLoopbackNeverCountEvenWithThePublicRoute(String name) {
        VpnStatus s = judge(routeVia(name, "0.0.0.0/1"), up(name, true, "172.17.0.1"));
        assertThat(s.active()).isFalse();
        assertThat(s.hints()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pvpnksintrf0", "pvpnroutintrf0", "pvpnrouteintrf0", "ipv6leakintrf0"})
    void protonKillSwitchPlaceholdersNeverCount(String name) {
        VpnStatus s = judge(routeVia(name, "0.0.0.0/1"), ETH0, up(name, false, "100.85.0.1", "fdeb:446c:912d:8da::"));
        assertThat(s.active()).isFalse();
        assertThat(s.hints()).singleElement().asString().contains("kill switch is engaged", name);
    }

    @Test
    void macosSystemUtunsWithLinkLocalOnlyDoNotCount() {
        VpnStatus s = judge(routeVia("en0", "default route"), up("en0", false, "192.168.1.72"),
                up("utun0", true, "fe80::cec:23d0:8cf7:c88e"), up("utun1", true, "fe80::cf42:647e:9077:7bcb"));
        assertThat(s.active()).isFalse();
        assertThat(s.hints()).isEmpty();
    }

    @Test
    void macosUtunCountsWithAVpnRangeAddressOrThePublicRoute() {
        assertThat(judge(routeVia("en0", "default route"), up("utun4", true, "100.87.112.117")).interfaces())
                .containsExactly("utun4");
        assertThat(judge(routeVia("utun6", "0.0.0.0/1"), up("utun6", true, "203.0.113.9")).interfaces())
                .containsExactly("utun6");
        // A public address on a utun that does not carry the public route: a system service, not a VPN.
        assertThat(judge(routeVia("en0", "default route"), up("utun5", true, "203.0.113.9")).active()).isFalse();
    }

    @Test
    void renamedPointToPointInterfaceCarryingThePublicRouteCounts() {
        VpnStatus s = judge(routeVia("peer1", "kernel route to 1.1.1.1"), ETH0, up("peer1", true, "10.66.0.2"));
        assertThat(s.interfaces()).containsExactly("peer1");
        assertThat(s.reasons()).singleElement().asString().contains("point-to-point", "matches no VPN pattern");
    }

    @Test
    void ordinaryEthernetCarryingThePublicRouteIsNoVpn() {
        VpnStatus s = judge(routeVia("eth0", "kernel route to 1.1.1.1"), ETH0);
        assertThat(s.active()).isFalse();
        assertThat(s.reasons()).containsExactly("no VPN tunnel is up", "public traffic goes to eth0 (kernel route to 1.1.1.1)");
    }

    @Test
    void aVpnClientProcessAloneIsAHint() {
        VpnStatus s = RULES.judge(new Evidence(List.of(ETH0), List.of("bash", "openvpn", "OpenVPN.exe", "sshd"),
                routeVia("eth0", "default route")));
        assertThat(s.active()).isFalse();
        assertThat(s.processes()).containsExactly("openvpn");
        assertThat(s.hints()).containsExactly("VPN client openvpn runs, but no tunnel is up (a process alone does not count)");
    }

    @Test
    void processNamesCutAt15CharactersStillMatch() {
        VpnPatterns p = new VpnPatterns(null, null, null, null, null, null, null, List.of("corporate-vpn-agentd"));
        Evidence e = new Evidence(List.of(), List.of("corporate-vpn-a"), null);
        assertThat(new VpnRules(p).judge(e).processes()).containsExactly("corporate-vpn-agentd");
    }

    @Test
    void linuxProcessProbeSeesThisJvm() {
        assertThat(new LinuxProcessProbe().processNames()).contains("java");
    }

    @Test
    void noPublicRouteIsSaid() {
        assertThat(judge(null, ETH0).reasons()).containsExactly("no VPN tunnel is up", "no public route seen");
    }

    @Test
    void customPatternsReplaceTheDefaults() {
        VpnPatterns custom = new VpnPatterns(List.of("corp\\d+"), List.of(), List.of(), null, null, null, null, null);
        VpnRules rules = new VpnRules(custom);
        Evidence e = new Evidence(List.of(up("corp1", false, "10.1.0.2"), up("tun0", false, "10.8.0.2")), List.of(),
                null);
        assertThat(rules.judge(e).interfaces()).containsExactly("corp1");
    }

    @Test
    void sameEvidenceGivesAnEqualVerdict() {
        assertThat(judge(routeVia("tun0", "x"), ETH0, up("tun0", true, "10.8.0.2")))
                .isEqualTo(judge(routeVia("tun0", "x"), up("tun0", true, "10.8.0.2"), ETH0));
    }
}
