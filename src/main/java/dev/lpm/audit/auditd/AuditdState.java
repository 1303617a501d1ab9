package dev.lpm.audit.auditd;

import java.util.List;
import java.util.Set;

/**
 * What this machine's audit rules are, as far as they can be read.
 *
 * @param source  where the rules were read: the kernel ({@code auditctl -l}), the rules files, or nowhere
 * @param watched paths watched for writes (empty unless read)
 * @param detail  how they were read, or why they could not be
 */
public record AuditdState(Source source, Set<String> watched, String detail) {

    public enum Source { KERNEL, FILES, NOT_INSTALLED, UNREADABLE }

    public AuditdState {
        watched = Set.copyOf(watched);
    }

    public boolean known() {
        return source == Source.KERNEL || source == Source.FILES || source == Source.NOT_INSTALLED;
    }

    public static AuditdState read(Source source, List<String> lines, String detail) {
        return new AuditdState(source, LoadedAuditRules.watchedForWrites(lines), detail);
    }
}
