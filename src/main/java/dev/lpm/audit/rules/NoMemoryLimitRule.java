package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import java.util.Optional;

public final class NoMemoryLimitRule extends ContainerRule {
    public NoMemoryLimitRule() {
        super("no-memory-limit", Severity.MEDIUM, "CIS 5.11",
                "Without a memory limit one container can use all of the host's memory and get other"
                        + " processes killed.",
                "--memory 512m (compose: mem_limit: 512m, or deploy.resources.limits.memory)");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        return c.settings().memory() > 0 ? Optional.empty() : Optional.of("HostConfig.Memory = 0 (unlimited)");
    }
}
