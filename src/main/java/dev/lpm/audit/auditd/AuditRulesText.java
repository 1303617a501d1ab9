package dev.lpm.audit.auditd;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** {@code lpm auditd-rules}: the guide's watches as an audit.rules file for this machine. */
public final class AuditRulesText {

    public static final String DEFAULT_KEY = "docker";

    private AuditRulesText() {}

    /** One {@code -w PATH -p wa -k KEY} line per target that can be watched here; a comment for the others. */
    public static String render(List<AuditTarget> targets, Predicate<Path> exists, String key) {
        if (!key.matches("[A-Za-z0-9_.-]{1,31}")) {
            throw new IllegalArgumentException("an audit key is 1-31 letters, digits, '_', '.' or '-': " + key);
        }
        StringBuilder out = new StringBuilder();
        out.append("# auditd watches on the Docker engine's files (the container-hardening guide's audit.rules,\n")
                .append("# CIS Docker Benchmark 1.2.0 1.5-1.13), for this machine. Install:\n")
                .append("#   lpm auditd-rules | sudo tee /etc/audit/rules.d/docker.rules && sudo augenrules --load\n")
                .append("# Find what they caught: ausearch -k ").append(key).append('\n');
        for (AuditTarget t : targets) {
            Optional<String> path = t.resolve(exists);
            String note = t.what() + (t.inGuide() ? "" : "; not in the guide's list")
                    + (t.inGuide() && path.isPresent() && !path.get().equals(t.guidePath())
                    ? "; the guide's " + t.guidePath() : "");
            if (path.isPresent()) {
                // auditctl reads a whole line as one rule: the comment goes on the line before.
                out.append("# ").append(note).append('\n')
                        .append("-w ").append(path.get()).append(" -p wa -k ").append(key).append('\n');
            } else {
                out.append("# not on this machine: ").append(t.guidePath()).append(" (").append(note)
                        .append(": neither it nor its directory exists)\n");
            }
        }
        return out.toString();
    }
}
