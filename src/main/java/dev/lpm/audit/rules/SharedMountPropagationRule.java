package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import java.util.List;
import java.util.Optional;

public final class SharedMountPropagationRule extends ContainerRule {
    public SharedMountPropagationRule() {
        super("shared-mount-propagation", Severity.MEDIUM, "CIS 5.20",
                "With shared propagation, mounts the container makes appear on the host (and the other way"
                        + " round).",
                "drop the :shared / :rshared option of the mount (compose: bind.propagation); the default"
                        + " rprivate is right for almost everything");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        List<String> shared = c.settings().mounts().stream()
                .filter(m -> m.propagation().equals("shared") || m.propagation().equals("rshared"))
                .map(m -> m.describe() + " (" + m.propagation() + ")").toList();
        return shared.isEmpty() ? Optional.empty() : Optional.of("Mounts[].Propagation: " + String.join(", ", shared));
    }
}
