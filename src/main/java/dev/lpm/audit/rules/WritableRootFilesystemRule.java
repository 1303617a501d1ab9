package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import java.util.Optional;

public final class WritableRootFilesystemRule extends ContainerRule {
    public WritableRootFilesystemRule() {
        super("writable-root-filesystem", Severity.MEDIUM, "CIS 5.13",
                "A writable root file system lets an intruder change the container's programs and keep tools"
                        + " there.",
                "--read-only, with --tmpfs /tmp for scratch space (compose: read_only: true, tmpfs: [/tmp])");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        return c.settings().readonlyRootfs() ? Optional.empty() : Optional.of("HostConfig.ReadonlyRootfs = false");
    }
}
