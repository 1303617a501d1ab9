package dev.lpm.ui.window;

import dev.lpm.core.BlockEvent;
import dev.lpm.core.Finding;
import dev.lpm.core.Severity;
import dev.lpm.core.VpnStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Realistic values for the window's tests and screenshots. */
final class SampleData {

    private SampleData() {}

    static final VpnStatus VPN_UP = new VpnStatus(true, List.of("tun0"), List.of("openvpn"), "tun0",
            List.of("tun0 is up with 10.8.0.2 and carries the public route (0.0.0.0/1)"),
            List.of("wg0 matches a VPN name but is down"));

    static BlockEvent block(String id, String name) {
        return new BlockEvent(id, name, "nginx:1.27", List.of("0.0.0.0:8080->80/tcp"),
                "publishes 0.0.0.0:8080->80/tcp", Instant.parse("2026-03-05T14:31:12Z"), Duration.ofMillis(240));
    }

    static Finding finding(String id, Severity severity, String container) {
        return new Finding(id, "CIS 5.5", severity, container, "HostConfig.Privileged = true",
                "A privileged container can take over the host.", "drop --privileged from docker run");
    }
}
