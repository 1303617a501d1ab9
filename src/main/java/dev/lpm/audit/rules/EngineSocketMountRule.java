package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import java.util.Optional;
import java.util.regex.Pattern;

public final class EngineSocketMountRule extends ContainerRule {

    /** docker.sock, podman.sock and containerd's socket, wherever they live on the host. */
    private static final Pattern SOCKET = Pattern.compile(".*/(docker|podman|containerd)\\.sock$");

    public EngineSocketMountRule() {
        super("engine-socket-mounted", Severity.CRITICAL, "CIS 5.32",
                "Whoever can talk to the container engine's socket can start a privileged container, so this"
                        + " container controls the host.",
                "remove the -v /var/run/docker.sock:... mount (compose: volumes); if it must manage containers,"
                        + " put a filtering socket proxy in between");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        return c.settings().mounts().stream()
                .filter(m -> SOCKET.matcher(m.source()).matches() || SOCKET.matcher(m.destination()).matches())
                .map(m -> "Mounts: " + m.describe())
                .findFirst();
    }
}
