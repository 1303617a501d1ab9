package dev.lpm.vpn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.VpnPatterns;
import dev.lpm.core.VpnStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded output in {@code vpn-fixtures/} (copied from the shared fixtures, see SOURCES.md there)
 * goes through the same parsers and the same {@link VpnRules} as live evidence, and every verdict that
 * SOURCES.md gives is asserted.
 */
class VpnFixturesTest {

    private static final VpnRules RULES = new VpnRules(VpnPatterns.DEFAULTS);

    /** One SOURCES.md row: the file, how to read it, the expected verdict, the interfaces that must count. */
    record Case(String file, Function<String, RecordedOutput> parser, boolean active, List<String> counted,
                String routeInterface) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Function<String, RecordedOutput> ipRoute(String table) {
        return text -> IpRouteParser.evidence(text, table);
    }

    static Stream<Case> cases() {
        Function<String, RecordedOutput> ifconfig = IfconfigParser::evidence;
        Function<String, RecordedOutput> netstat = NetstatRoutesParser::evidence;
        Function<String, RecordedOutput> ipconfig = IpconfigParser::evidence;
        Function<String, RecordedOutput> routePrint = RoutePrintParser::evidence;
        Function<String, RecordedOutput> ipAddr = IpAddrParser::evidence;
        return Stream.of(
                new Case("macos-ifconfig-novpn-1.txt", ifconfig, false, List.of(), null),
                new Case("macos-netstat-rn-novpn-1.txt", netstat, false, List.of(), "en8"),
                new Case("macos-ifconfig-vpn-utun4-1.txt", ifconfig, true, List.of("utun4"), null),
                new Case("macos-ifconfig-vpn-utun3-1.txt", ifconfig, true, List.of("utun3"), null),
                new Case("macos-netstat-rn-tailscale-1.txt", netstat, true, List.of("utun4"), "en0"),
                new Case("macos-netstat-rn-tailscale-2.txt", netstat, true, List.of("utun4"), "en0"),
                new Case("windows-ipconfig-tailscale-1.txt", ipconfig, true, List.of("Tailscale"), null),
                new Case("windows-ipconfig-wireguard-jimber-1.txt", ipconfig, true, List.of("jimber"), null),
                new Case("windows-ipconfig-nordlynx-1.txt", ipconfig, true, List.of("NordLynx"), null),
                new Case("windows-ipconfig-tap-airvpn-1.txt", ipconfig, true, List.of("Local Area Connection 4"), null),
                new Case("windows-ipconfig-tap-inactive-1.txt", ipconfig, false, List.of(), null),
                new Case("windows-ipconfig-nordvpn-inactive-1.txt", ipconfig, false, List.of(), null),
                // route print names interfaces by address; alone, the TAP is known as 10.4.50.142.
                new Case("windows-route-print-tap-airvpn-1.txt", routePrint, true, List.of("10.4.50.142"), "10.4.50.142"),
                new Case("windows-route-print-tap-inactive-1.txt", routePrint, false, List.of(), "192.168.1.69"),
                new Case("windows-route-print-tap-inactive-2.txt", routePrint, false, List.of(), "192.168.31.221"),
                new Case("linux-ip-route-openvpn-def1-1.txt", ipRoute("main"), true, List.of("tun0"), "tun0"),
                new Case("linux-ip-route-openvpn-def1-inactive-1.txt", ipRoute("main"), false, List.of(), "ens4"),
                new Case("linux-ip-addr-openvpn-tun-1.txt", ipAddr, true, List.of("tun0", "tun1"), null),
                // The trap: wg-quick leaves main alone. From main alone nothing can be seen (the live probe
                // asks the kernel, which follows the rule; see VpnNamespaceTest); with table 51820 it is active.
                new Case("linux-ip-route-wgquick-main-1.txt", ipRoute("main"), false, List.of(), "eth0"),
                new Case("linux-ip-route-wgquick-table51820-1.txt", ipRoute("51820"), true, List.of("peer1"), "peer1"),
                new Case("linux-ip-addr-protonvpn-killswitch-1.txt", ipAddr, false, List.of(), null),
                new Case("linux-ip-route-protonvpn-killswitch-1.txt", ipRoute("main"), false, List.of(), "pvpnroutintrf0"),
                new Case("linux-ip-addr-protonvpn-wireguard-1.txt", ipAddr, true, List.of("proton0", "tailscale0"), null),
                // Policy routing again: the main table shows only wlan0.
                new Case("linux-ip-route-protonvpn-wireguard-1.txt", ipRoute("main"), false, List.of(), "wlan0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verdictMatchesSources(Case c) throws IOException {
        VpnStatus status = RULES.judge(c.parser().apply(read(c.file())).evidence());
        assertThat(status.active()).as("%s: %s", c.file(), status).isEqualTo(c.active());
        assertThat(status.interfaces()).containsAll(c.counted());
        assertThat(status.routeInterface()).isEqualTo(c.routeInterface());
        assertThat(status.reasons()).isNotEmpty();
        if (c.active()) {
            assertThat(status.reasons()).anyMatch(r -> r.startsWith(c.counted().getFirst() + " ") || r.startsWith(c.counted().getFirst()));
        }
    }

    @Test
    void everyFixtureListedInSourcesHasACase() throws IOException {
        Matcher m = Pattern.compile("(?m)^\\| ([a-z0-9-]+\\.txt) \\|").matcher(read("SOURCES.md"));
        Set<String> listed = m.results().map(r -> r.group(1)).collect(Collectors.toSet());
        assertThat(listed).hasSize(24);
        assertThat(cases().map(Case::file).collect(Collectors.toSet())).isEqualTo(listed);
    }

    @Test
    void macosUtunsWithOnlyLinkLocalAddressesDoNotCount() throws IOException {
        VpnStatus status = RULES.judge(IfconfigParser.evidence(read("macos-ifconfig-vpn-utun4-1.txt")).evidence());
        assertThat(status.interfaces()).containsExactly("utun4");
    }

    @Test
    void windowsAirVpnIpconfigPlusRoutePrintNamesTheTapAndItsDef1Routes() throws IOException {
        Evidence evidence = IpconfigParser.evidence(read("windows-ipconfig-tap-airvpn-1.txt"))
                .merge(RoutePrintParser.evidence(read("windows-route-print-tap-airvpn-1.txt"))).evidence();
        VpnStatus status = RULES.judge(evidence);
        assertThat(status.active()).isTrue();
        assertThat(status.interfaces()).containsExactly("Local Area Connection 4");
        assertThat(status.routeInterface()).isEqualTo("Local Area Connection 4");
        assertThat(status.reasons()).anyMatch(r -> r.contains("TAP-Windows Adapter V9")
                && r.contains("10.4.50.142") && r.contains("carries the public route (0.0.0.0/1)"));
    }

    @Test
    void windowsDisconnectedNordAdaptersAreHintsNotVerdicts() throws IOException {
        VpnStatus status = RULES.judge(IpconfigParser.evidence(read("windows-ipconfig-nordlynx-1.txt")).evidence());
        assertThat(status.interfaces()).containsExactly("NordLynx");
        assertThat(status.hints()).anyMatch(h -> h.contains("TAP-NordVPN") && h.contains("down"))
                .anyMatch(h -> h.contains("OpenVPN Data Channel Offload") && h.contains("down"));
    }

    @Test
    void openVpnDef1RouteIsNamedInTheReason() throws IOException {
        VpnStatus status = RULES.judge(IpRouteParser.evidence(read("linux-ip-route-openvpn-def1-1.txt"), "main").evidence());
        assertThat(status.reasons()).contains("tun0 is up with 10.8.0.3 and carries the public route (0.0.0.0/1)");
    }

    @Test
    void wgQuickMainPlusTable51820IsActiveThroughPeer1() throws IOException {
        Evidence evidence = IpRouteParser.evidence(read("linux-ip-route-wgquick-main-1.txt"), "main")
                .merge(IpRouteParser.evidence(read("linux-ip-route-wgquick-table51820-1.txt"), "51820")).evidence();
        VpnStatus status = RULES.judge(evidence);
        assertThat(status.active()).isTrue();
        assertThat(status.interfaces()).containsExactly("peer1");
        assertThat(status.reasons()).anyMatch(r -> r.contains("default route in table 51820")
                && r.contains("point-to-point"));
    }

    @Test
    void protonKillSwitchIsInactiveWithAnEngagedHint() throws IOException {
        Evidence evidence = IpAddrParser.evidence(read("linux-ip-addr-protonvpn-killswitch-1.txt"))
                .merge(IpRouteParser.evidence(read("linux-ip-route-protonvpn-killswitch-1.txt"), "main")).evidence();
        VpnStatus status = RULES.judge(evidence);
        assertThat(status.active()).isFalse();
        assertThat(status.routeInterface()).isEqualTo("pvpnroutintrf0");
        assertThat(status.hints()).anyMatch(h -> h.contains("kill switch is engaged")
                && h.contains("pvpnksintrf0") && h.contains("ipv6leakintrf0"));
    }

    @Test
    void protonWireGuardAddrPlusRouteIsActiveAndNamesThePolicyRoutedSplit() throws IOException {
        Evidence evidence = IpAddrParser.evidence(read("linux-ip-addr-protonvpn-wireguard-1.txt"))
                .merge(IpRouteParser.evidence(read("linux-ip-route-protonvpn-wireguard-1.txt"), "main")).evidence();
        VpnStatus status = RULES.judge(evidence);
        assertThat(status.active()).isTrue();
        // ipv6leakintrf0 is a kill-switch placeholder; docker0, br-*, veth*, vmnet* never count.
        assertThat(status.interfaces()).containsExactly("proton0", "tailscale0");
        assertThat(status.routeInterface()).isEqualTo("wlan0");
        assertThat(status.reasons()).contains("proton0 is up with 10.2.0.2 and carries only some routes (split tunnel)")
                .anyMatch(r -> r.startsWith("public traffic goes to wlan0"));
    }

    static String read(String file) throws IOException {
        try (InputStream in = VpnFixturesTest.class.getResourceAsStream("/vpn-fixtures/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
