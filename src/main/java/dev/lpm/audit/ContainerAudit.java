package dev.lpm.audit;

import dev.lpm.core.Finding;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Runs the rules over containers. Pure: the snapshots and the context are all it knows. */
public final class ContainerAudit {

    /** Worst first, then by id, so output and tests are stable. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity).thenComparing(Finding::id);

    private final List<ContainerRule> rules;

    public ContainerAudit() {
        this(ContainerRules.ALL);
    }

    public ContainerAudit(List<ContainerRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<Finding> audit(ContainerSnapshot container, AuditContext context) {
        return rules.stream().map(rule -> rule.check(container, context)).flatMap(Optional::stream)
                .sorted(ORDER).toList();
    }

    public AuditReport audit(Collection<ContainerSnapshot> containers, AuditContext context) {
        return AuditReport.of(containers.stream()
                .map(c -> new AuditReport.ContainerFindings(c.name(), audit(c, context), ContainerFacts.of(c)))
                .toList());
    }
}
