package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import java.util.Optional;

public final class NoPidsLimitRule extends ContainerRule {
    public NoPidsLimitRule() {
        super("no-pids-limit", Severity.MEDIUM, "CIS 5.29",
                "Without a PIDs limit a fork bomb in the container exhausts the host's process table.",
                "--pids-limit 200 (compose: pids_limit: 200)");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        long limit = c.settings().pidsLimit();
        return limit > 0 ? Optional.empty()
                : Optional.of("HostConfig.PidsLimit = " + (limit == 0 ? "null" : limit) + " (unlimited)");
    }
}
