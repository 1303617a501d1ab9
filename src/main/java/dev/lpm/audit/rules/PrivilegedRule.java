package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import java.util.Optional;

public final class PrivilegedRule extends ContainerRule {
    public PrivilegedRule() {
        super("privileged", Severity.CRITICAL, "CIS 5.5",
                "A privileged container has every capability and every host device, so anything inside it"
                        + " can take over the host.",
                "remove --privileged (compose: privileged: false); add only the one capability it needs with --cap-add");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        return c.settings().privileged() ? Optional.of("HostConfig.Privileged = true") : Optional.empty();
    }
}
