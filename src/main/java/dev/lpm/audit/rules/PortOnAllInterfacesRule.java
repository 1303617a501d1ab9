package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import dev.lpm.docker.engine.PublishedPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class PortOnAllInterfacesRule extends ContainerRule {
    public PortOnAllInterfacesRule() {
        super("port-on-all-interfaces", Severity.HIGH, "CIS 5.14",
                "A port published on 0.0.0.0 or :: is reachable from every network this machine is on, and"
                        + " Docker's own firewall rules let it past UFW and rules in INPUT.",
                "publish on loopback: -p 127.0.0.1:HOSTPORT:PORT (compose: ports: [\"127.0.0.1:HOSTPORT:PORT\"]);"
                        + " drop -P / --publish-all; or set \"ip\": \"127.0.0.1\" in daemon.json");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        List<String> seen = new ArrayList<>();
        List<String> wildcard = c.container().ports().stream().filter(PublishedPort::onAllInterfaces)
                .map(PublishedPort::describe).toList();
        if (!wildcard.isEmpty()) {
            seen.add("NetworkSettings.Ports: " + String.join(", ", wildcard));
        }
        if (c.settings().publishAllPorts()) {
            seen.add("HostConfig.PublishAllPorts = true");
        }
        return seen.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", seen));
    }
}
