package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import java.util.Optional;

public final class NoHealthcheckRule extends ContainerRule {
    public NoHealthcheckRule() {
        super("no-healthcheck", Severity.LOW, "CIS 5.27",
                "Without a health check nobody notices a container that runs but no longer answers.",
                "--health-cmd 'wget -q -O- http://localhost/ || exit 1' (compose: healthcheck.test), or"
                        + " HEALTHCHECK in the Dockerfile");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        if (c.settings().healthcheck().isEmpty()) {
            return Optional.of("Config.Healthcheck is not set");
        }
        return c.settings().healthcheck().getFirst().equals("NONE") ? Optional.of("Config.Healthcheck.Test = [NONE]")
                : Optional.empty();
    }
}
