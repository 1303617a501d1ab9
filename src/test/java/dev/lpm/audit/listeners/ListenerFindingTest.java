package dev.lpm.audit.listeners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.Finding;
import dev.lpm.core.PortExposure;
import dev.lpm.core.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListenerFindingTest {

    private static final String HTTP_SERVER = "python3 -m http.server {port}";

    private static PortExposure on(String... addresses) {
        return PortExposure.of(List.of(addresses)).orElseThrow();
    }

    @Test
    void aServiceOnEveryInterfaceIsMediumWithSeenWhyAndTheServersFix() {
        Finding f = ListenerFinding.check("api", HTTP_SERVER, 4000, on("0.0.0.0"), false).orElseThrow();

        assertThat(f.id()).isEqualTo("service-listens-beyond-loopback");
        assertThat(f.reference()).isEqualTo("CWE-1327");
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.container()).isEqualTo("service api");
        assertThat(f.seen()).isEqualTo("listens on 0.0.0.0:4000 (every interface)");
        assertThat(f.why()).contains("port 4000")
                .contains("reachable from other machines unless lpm's port firewall is on");
        assertThat(f.fix())
                .startsWith("python http.server: add --bind 127.0.0.1: python3 -m http.server --bind 127.0.0.1 {port}")
                .contains("then register it again with that command: lpm unregister api && lpm register api"
                        + " --port 4000 \"...\"")
                .contains("port firewall");
    }

    @Test
    void whileAVpnIsUpItIsHighAndSaysSo() {
        Finding f = ListenerFinding.check("api", HTTP_SERVER, 4000, on("::"), true).orElseThrow();

        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.severity().failsAudit()).isTrue();
        assertThat(f.seen()).isEqualTo("listens on [::]:4000 (every interface) while a VPN is up");
        assertThat(f.why()).contains("the VPN's included");
    }

    @Test
    void aSpecificAddressIsNamedWithoutItsLoopbackCompanions() {
        Finding f = ListenerFinding.check("web", "npm run dev", 4001, on("127.0.0.1", "192.168.1.5"), false)
                .orElseThrow();

        assertThat(f.seen()).isEqualTo("listens on 192.168.1.5:4001");
        assertThat(f.fix()).startsWith("Node.js: ");
    }

    @Test
    void loopbackOrUnknownIsNoFinding() {
        assertThat(ListenerFinding.check("api", HTTP_SERVER, 4000, on("127.0.0.1", "::1"), true)).isEmpty();
        assertThat(ListenerFinding.check("api", HTTP_SERVER, 4000, null, true)).isEmpty();
    }
}
