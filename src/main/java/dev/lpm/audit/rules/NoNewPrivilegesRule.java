package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import java.util.Optional;
import java.util.Set;

public final class NoNewPrivilegesRule extends ContainerRule {

    private static final Set<String> SET = Set.of("no-new-privileges", "no-new-privileges=true");

    public NoNewPrivilegesRule() {
        super("no-new-privileges-missing", Severity.MEDIUM, "CIS 5.26",
                "Without no-new-privileges a process can gain privileges through setuid programs inside the"
                        + " container.",
                "--security-opt no-new-privileges (compose: security_opt: [\"no-new-privileges:true\"]), or"
                        + " \"no-new-privileges\": true in daemon.json for every container");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        if (context.engineNoNewPrivileges()
                || c.settings().securityOpt().stream().map(o -> o.replace(':', '=')).anyMatch(SET::contains)) {
            return Optional.empty();
        }
        return Optional.of("HostConfig.SecurityOpt has no no-new-privileges (" + c.settings().securityOpt() + ")");
    }
}
