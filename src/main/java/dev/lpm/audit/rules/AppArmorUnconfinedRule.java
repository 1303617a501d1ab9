package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import java.util.Optional;

public final class AppArmorUnconfinedRule extends ContainerRule {
    public AppArmorUnconfinedRule() {
        // The issue cites 5.2; in the benchmark's numbering that docker-bench uses, AppArmor is 5.1
        // (5.2 is SELinux). The id is what scripts use; the reference is informative.
        super("apparmor-unconfined", Severity.HIGH, "CIS 5.1",
                "Without its AppArmor profile the container may write to /proc and /sys files and mount file"
                        + " systems that the profile forbids.",
                "remove --security-opt apparmor=unconfined (compose: security_opt)");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        Optional<String> asked = c.settings().securityOpt().stream()
                .filter(o -> o.replace(':', '=').equals("apparmor=unconfined"))
                .map(o -> "HostConfig.SecurityOpt contains " + o).findFirst();
        if (asked.isPresent()) {
            return asked;
        }
        // A privileged container is unconfined too; the privileged finding already says so, louder.
        return !c.settings().privileged() && c.settings().appArmorProfile().equals("unconfined")
                ? Optional.of("AppArmorProfile = unconfined") : Optional.empty();
    }
}
