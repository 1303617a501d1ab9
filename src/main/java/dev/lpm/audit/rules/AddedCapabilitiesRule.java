package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

public final class AddedCapabilitiesRule extends ContainerRule {

    /** What Docker gives every container anyway: adding one of these back after --cap-drop ALL is fine. */
    static final Set<String> DOCKER_DEFAULTS = Set.of("CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW",
            "SETGID", "SETUID", "SETFCAP", "SETPCAP", "NET_BIND_SERVICE", "SYS_CHROOT", "KILL", "AUDIT_WRITE");

    /** Named in the evidence because each one alone is close to root on the host. */
    private static final Set<String> DANGEROUS = Set.of("ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE",
            "DAC_READ_SEARCH", "SYS_RAWIO");

    public AddedCapabilitiesRule() {
        super("added-capabilities", Severity.HIGH, "CIS 5.4",
                "Capabilities beyond Docker's defaults give the container kernel powers (SYS_ADMIN, NET_ADMIN and"
                        + " ALL are close to root on the host) that most services never need.",
                "remove the --cap-add flags (compose: cap_add); better, start from --cap-drop ALL and add back only"
                        + " what the service needs");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        List<String> extra = c.settings().capAdd().stream().map(AddedCapabilitiesRule::normalize)
                .filter(cap -> !DOCKER_DEFAULTS.contains(cap)).distinct().sorted().toList();
        if (extra.isEmpty()) {
            return Optional.empty();
        }
        List<String> dangerous = extra.stream().filter(DANGEROUS::contains).toList();
        return Optional.of("HostConfig.CapAdd = " + extra
                + (dangerous.isEmpty() ? "" : " (dangerous: " + String.join(", ", dangerous) + ")"));
    }

    /** "cap_sys_admin", "CAP_SYS_ADMIN" and "SYS_ADMIN" are the same capability. */
    static String normalize(String cap) {
        String upper = cap.trim().toUpperCase(Locale.ROOT);
        return upper.startsWith("CAP_") ? upper.substring(4) : upper;
    }
}
