package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import java.util.Optional;

public final class RootUserRule extends ContainerRule {
    public RootUserRule() {
        super("root-user", Severity.MEDIUM, "CIS 4.1",
                "A process running as root in the container is root on the host's kernel too, so any escape or"
                        + " writable host mount is a full host compromise.",
                "run as an unprivileged user: --user 65534:65534 (compose: user: \"65534:65534\"), or USER in the"
                        + " Dockerfile");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        String user = c.settings().user().trim();
        String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        if (name.isEmpty()) {
            return Optional.of("Config.User is empty (the image's default, root)");
        }
        return name.equals("0") || name.equals("root") ? Optional.of("Config.User = " + user) : Optional.empty();
    }
}
