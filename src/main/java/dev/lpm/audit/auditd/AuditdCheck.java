package dev.lpm.audit.auditd;

import dev.lpm.core.Finding;
import dev.lpm.core.Severity;
import java.util.List;
import java.util.Optional;

/** Pure: the audit rules in force against the guide's watches on this machine's engine files. */
public final class AuditdCheck {

    static final String FIX = "apt-get install auditd (if missing), then: lpm auditd-rules | sudo tee"
            + " /etc/audit/rules.d/docker.rules && sudo augenrules --load";
    private static final String REFERENCE = "CIS 1.5-1.13";
    private static final String WHY = "Without audit watches on the engine's binaries, configuration and data, a"
            + " change to them (a backdoored daemon.json, a replaced runc) leaves no trace to find afterwards.";

    private AuditdCheck() {}

    /** {@code wanted}: the targets' paths on this machine ({@link AuditTargets#resolved}). */
    public static Optional<Finding> check(AuditdState state, List<String> wanted) {
        return switch (state.source()) {
            case NOT_INSTALLED -> Optional.of(finding("auditd-docker-rules-missing", Severity.LOW,
                    state.detail(), WHY, FIX));
            case UNREADABLE -> Optional.of(finding("auditd-rules-unknown", Severity.INFO,
                    "the audit rules could not be read: " + state.detail(),
                    "Whether the engine's files are audited is unknown.",
                    "run lpm audit --host as root (auditctl -l needs root)"));
            case KERNEL, FILES -> {
                List<String> missing = LoadedAuditRules.missing(wanted, state.watched());
                yield missing.isEmpty() ? Optional.empty() : Optional.of(finding("auditd-docker-rules-missing",
                        Severity.LOW, "no audit watch for writes to " + String.join(", ", missing) + " in "
                                + state.detail(), WHY, FIX));
            }
        };
    }

    private static Finding finding(String id, Severity severity, String seen, String why, String fix) {
        return new Finding(id, REFERENCE, severity, Finding.ENGINE, seen, why, fix);
    }
}
