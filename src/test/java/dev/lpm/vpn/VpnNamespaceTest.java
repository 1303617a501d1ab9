package dev.lpm.vpn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.VpnStatus;
import dev.lpm.testsupport.Requirements;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real detector (NetworkInterface + UDP-connect route probe) in a child JVM inside a namespace of the
 * test's own, against real tun, veth and bridge devices. The bound is an upper limit for a pass, not a
 * benchmark (that is {@link VpnLatencyBench}).
 */
class VpnNamespaceTest {

    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final Duration INTERVAL = Duration.ofMillis(100);

    private TestNamespace ns;
    private DetectorChild detector;

    @BeforeEach
    void namespaceWithDetector() throws Exception {
        Requirements.requireTunDevices();
        ns = TestNamespace.withUplink();
        detector = DetectorChild.start(ns, INTERVAL);
    }

    @AfterEach
    void removeNamespace() {
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void baselineIsInactiveWithTheUplinkCarryingThePublicRoute() {
        VpnStatus first = detector.latest();
        assertThat(first.active()).isFalse();
        assertThat(first.routeInterface()).isEqualTo("lpmtest-up0");
        assertThat(first.reasons()).contains("public traffic goes to lpmtest-up0 (kernel route to 1.1.1.1)");
    }

    @Test
    void tunWithDef1RoutesIsActiveThenInactiveWhenDeleted() throws Exception {
        TunHolder client = ns.tun("tun0");
        ns.ip("addr", "add", "10.8.0.2/24", "dev", "tun0");
        ns.ip("link", "set", "tun0", "up");
        ns.ip("route", "add", "0.0.0.0/1", "dev", "tun0");
        ns.ip("route", "add", "128.0.0.0/1", "dev", "tun0");

        DetectorChild.Seen on = detector.awaitEvent(0, BOUND, s -> s.active() && "tun0".equals(s.routeInterface()));
        assertThat(on.status().interfaces()).containsExactly("tun0");
        assertThat(on.status().reasons())
                .contains("tun0 is up with 10.8.0.2 and carries the public route (kernel route to 1.1.1.1)");

        int seen = detector.events().size();
        client.close(); // the VPN client exits: no carrier, and the kernel drops the tunnel's routes
        ns.ip("tuntap", "del", "mode", "tun", "name", "tun0");
        VpnStatus off = detector.awaitEvent(seen, BOUND, s -> !s.active()).status();
        assertThat(detector.awaitEvent(seen, BOUND, s -> "lpmtest-up0".equals(s.routeInterface())).status().active())
                .isFalse();
        assertThat(off.interfaces()).isEmpty();
    }

    @Test
    void splitTunnelWithoutThePublicRouteIsActive() throws Exception {
        ns.tun("tun1");
        ns.ip("addr", "add", "10.9.0.2/24", "dev", "tun1");
        ns.ip("link", "set", "tun1", "up");
        ns.ip("route", "add", "10.100.0.0/16", "dev", "tun1");

        VpnStatus s = detector.awaitEvent(0, BOUND, VpnStatus::active).status();
        assertThat(s.routeInterface()).isEqualTo("lpmtest-up0");
        assertThat(s.reasons()).contains("tun1 is up with 10.9.0.2 and carries only some routes (split tunnel)");
    }

    @Test
    void tunWithoutAClientHasNoCarrierAndIsOnlyAHint() throws Exception {
        ns.ip("tuntap", "add", "mode", "tun", "name", "tun2");
        ns.ip("addr", "add", "10.10.0.2/24", "dev", "tun2");
        ns.ip("link", "set", "tun2", "up");

        VpnStatus s = detector.awaitEvent(0, BOUND, st -> !st.hints().isEmpty()).status();
        assertThat(s.active()).isFalse();
        assertThat(s.hints()).singleElement().asString().contains("tun2", "no carrier");
    }

    @Test
    void pppNamedAndRenamedTunnelIsActive() throws Exception {
        ns.tun("lpmtest-t0");
        ns.ip("link", "set", "lpmtest-t0", "name", "ppp0"); // rename, as pppd's or a client's device would be
        ns.ip("addr", "add", "10.64.0.2", "peer", "10.64.0.1", "dev", "ppp0");
        ns.ip("link", "set", "ppp0", "up");
        ns.ip("route", "replace", "default", "dev", "ppp0");

        VpnStatus s = detector.awaitEvent(0, BOUND, st -> st.active() && "ppp0".equals(st.routeInterface())).status();
        assertThat(s.interfaces()).containsExactly("ppp0");
    }

    /** wg-quick's shape: the main table keeps the uplink default; a rule sends traffic to table 51820. */
    @Test
    void policyRoutedTunnelWithAnUnknownNameIsActiveThroughTheKernelsChoice() throws Exception {
        ns.tun("peer1");
        ns.ip("addr", "add", "10.66.0.2/32", "dev", "peer1");
        ns.ip("link", "set", "peer1", "up");
        ns.ip("route", "add", "default", "dev", "peer1", "table", "51820");
        ns.ip("rule", "add", "not", "fwmark", "0xca6c", "table", "51820");

        VpnStatus s = detector.awaitEvent(0, BOUND, VpnStatus::active).status();
        assertThat(s.interfaces()).containsExactly("peer1");
        assertThat(s.routeInterface()).isEqualTo("peer1");
        assertThat(s.reasons()).singleElement().asString().contains("point-to-point", "matches no VPN pattern");
    }

    @Test
    void protonKillSwitchPlaceholdersAreNotAVpn() throws Exception {
        for (String decoy : new String[] {"pvpnksintrf0", "pvpnroutintrf0"}) {
            ns.ip("link", "add", decoy, "type", "veth", "peer", "name", "lpmtest-" + decoy.substring(0, 6));
            ns.ip("addr", "add", "100.85.0.1/24", "dev", decoy);
            ns.ip("link", "set", "lpmtest-" + decoy.substring(0, 6), "up");
            ns.ip("link", "set", decoy, "up");
        }
        ns.ip("route", "add", "0.0.0.0/1", "dev", "pvpnroutintrf0");

        VpnStatus s = detector.awaitEvent(0, BOUND, st -> "pvpnroutintrf0".equals(st.routeInterface())).status();
        assertThat(s.active()).isFalse();
        assertThat(s.hints()).anyMatch(h -> h.contains("kill switch is engaged") && h.contains("pvpnksintrf0"));
    }

    @Test
    void dockerBridgeAndVethAreNotAVpnEvenWithThePublicRoute() throws Exception {
        ns.ip("link", "add", "docker0", "type", "bridge");
        ns.ip("addr", "add", "172.17.0.1/16", "dev", "docker0");
        ns.ip("link", "add", "veth1a2b3c", "type", "veth", "peer", "name", "lpmtest-c0");
        ns.ip("link", "set", "veth1a2b3c", "master", "docker0");
        for (String dev : new String[] {"lpmtest-c0", "veth1a2b3c", "docker0"}) {
            ns.ip("link", "set", dev, "up");
        }
        ns.ip("route", "add", "0.0.0.0/1", "dev", "docker0");

        VpnStatus s = detector.awaitEvent(0, BOUND, st -> "docker0".equals(st.routeInterface())).status();
        assertThat(s.active()).isFalse();
        assertThat(s.hints()).isEmpty();
    }
}
