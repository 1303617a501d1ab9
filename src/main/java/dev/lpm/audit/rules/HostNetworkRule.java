package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import java.util.Optional;

public final class HostNetworkRule extends ContainerRule {
    public HostNetworkRule() {
        super("host-network", Severity.CRITICAL, "CIS 5.10",
                "With the host's network the container's servers listen on the host's interfaces, past Docker's"
                        + " port publishing and lpm's loopback guard, and it sees all host traffic.",
                "remove --network host (compose: network_mode: host); publish the port on loopback instead:"
                        + " -p 127.0.0.1:PORT:PORT");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        return c.container().networkMode().equals("host") ? Optional.of("HostConfig.NetworkMode = host")
                : Optional.empty();
    }
}
