package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.audit.SecuritySettings;
import dev.lpm.core.Severity;
import java.util.List;
import java.util.Optional;

public final class SensitiveHostPathRule extends ContainerRule {

    /** System directories (and everything under them) a container must not be able to change. */
    static final List<String> SENSITIVE = List.of("/etc", "/proc", "/sys", "/boot", "/dev", "/usr", "/lib",
            "/lib64", "/bin", "/sbin");

    public SensitiveHostPathRule() {
        super("sensitive-host-path", Severity.HIGH, "CIS 5.6",
                "A read-write mount of a host system directory lets the container change the host itself"
                        + " (users, startup scripts, kernel settings).",
                "remove the -v HOSTDIR:... mount (compose: volumes), or at least make it read-only with :ro and"
                        + " mount only the one file needed");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        List<String> hits = c.settings().mounts().stream()
                .filter(m -> m.readWrite() && m.type().equals("bind") && sensitive(m.source()))
                .map(SecuritySettings.Mount::describe).toList();
        return hits.isEmpty() ? Optional.empty() : Optional.of("Mounts (read-write): " + String.join(", ", hits));
    }

    static boolean sensitive(String hostPath) {
        String path = hostPath.length() > 1 && hostPath.endsWith("/") ? hostPath.substring(0, hostPath.length() - 1)
                : hostPath;
        return path.equals("/") || SENSITIVE.stream().anyMatch(dir -> path.equals(dir) || path.startsWith(dir + "/"));
    }
}
