package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import java.util.Optional;

public final class SeccompUnconfinedRule extends ContainerRule {
    public SeccompUnconfinedRule() {
        super("seccomp-unconfined", Severity.HIGH, "CIS 5.22",
                "Without seccomp the container may make every system call, including the rare ones most kernel"
                        + " escapes use.",
                "remove --security-opt seccomp=unconfined (compose: security_opt); use a custom profile if one call"
                        + " is missing");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        return c.settings().securityOpt().stream().filter(o -> o.replace(':', '=').equals("seccomp=unconfined"))
                .map(o -> "HostConfig.SecurityOpt contains " + o).findFirst();
    }
}
