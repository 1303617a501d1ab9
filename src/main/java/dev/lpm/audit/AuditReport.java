package dev.lpm.audit;

import dev.lpm.core.Finding;
import dev.lpm.core.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Findings grouped by container, the worst container first (by its worst finding, then by how many
 * findings of each severity it has, then by name).
 */
public record AuditReport(List<ContainerFindings> containers) {

    /** {@code lpm audit}'s exit code when something high or critical was found. */
    public static final int EXIT_HIGH_OR_CRITICAL = 3;

    public AuditReport {
        containers = List.copyOf(containers);
    }

    /**
     * One subject's findings, and the facts worth saying about it that are no finding (its runtime, say).
     */
    public record ContainerFindings(String container, List<Finding> findings, List<String> facts) {
        public ContainerFindings {
            findings = findings.stream().sorted(ContainerAudit.ORDER).toList();
            facts = facts == null ? List.of() : List.copyOf(facts);
        }

        public ContainerFindings(String container, List<Finding> findings) {
            this(container, findings, List.of());
        }

        public Optional<Severity> worst() {
            return findings.stream().map(Finding::severity).min(Comparator.naturalOrder());
        }

        public long count(Severity severity) {
            return findings.stream().filter(f -> f.severity() == severity).count();
        }
    }

    public static AuditReport of(List<ContainerFindings> groups) {
        List<ContainerFindings> sorted = new ArrayList<>(groups);
        Comparator<ContainerFindings> order = Comparator.comparing(
                (ContainerFindings g) -> g.worst().map(Enum::ordinal).orElse(Severity.values().length));
        for (Severity s : Severity.values()) {
            order = order.thenComparing(g -> -g.count(s));
        }
        sorted.sort(order.thenComparing(ContainerFindings::container));
        return new AuditReport(sorted);
    }

    public List<Finding> all() {
        return containers.stream().flatMap(g -> g.findings().stream()).toList();
    }

    public boolean hasHighOrCritical() {
        return all().stream().anyMatch(f -> f.severity().failsAudit());
    }

    /** 0 when nothing high or critical was found, 3 otherwise. */
    public int exitCode() {
        return hasHighOrCritical() ? EXIT_HIGH_OR_CRITICAL : 0;
    }

    /** This report with extra groups (e.g. the engine's findings) merged in and re-sorted. */
    public AuditReport with(List<ContainerFindings> more) {
        List<ContainerFindings> all = new ArrayList<>(containers);
        all.addAll(more);
        return of(all);
    }
}
