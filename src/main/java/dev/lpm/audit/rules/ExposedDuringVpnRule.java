package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import dev.lpm.docker.engine.PublishedPort;
import java.util.List;
import java.util.Optional;

public final class ExposedDuringVpnRule extends ContainerRule {
    public ExposedDuringVpnRule() {
        super("exposed-during-vpn", Severity.CRITICAL, "",
                "A VPN is up, and a port published on a non-loopback address can be reached from the VPN's"
                        + " network (or the LAN), which is exactly what lpm is meant to prevent.",
                "publish on loopback only: -p 127.0.0.1:HOSTPORT:PORT (compose: ports: [\"127.0.0.1:HOSTPORT:PORT\"]),"
                        + " or stop the container while the VPN is up");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        if (!context.vpnActive()) {
            return Optional.empty();
        }
        List<String> exposed = c.container().ports().stream().filter(p -> !p.onLoopback())
                .map(PublishedPort::describe).toList();
        return exposed.isEmpty() ? Optional.empty()
                : Optional.of("NetworkSettings.Ports: " + String.join(", ", exposed) + " while a VPN is active");
    }
}
