package dev.lpm.audit;

import dev.lpm.core.Finding;
import dev.lpm.core.Severity;
import java.util.Optional;

/**
 * One check on one container. A rule is its id, severity, reference, the sentence saying why it matters
 * and the fix; {@link #evidence} is the only logic: what it saw, or empty when the container passes.
 * Adding a rule is one subclass here plus one line in {@link ContainerRules#ALL} and its test.
 */
public abstract class ContainerRule {

    private final String id;
    private final Severity severity;
    private final String reference;
    private final String why;
    private final String fix;

    protected ContainerRule(String id, Severity severity, String reference, String why, String fix) {
        this.id = id;
        this.severity = severity;
        this.reference = reference;
        this.why = why;
        this.fix = fix;
    }

    /** What was seen ("field = value") when the container breaks the rule, else empty. */
    protected abstract Optional<String> evidence(ContainerSnapshot container, AuditContext context);

    public final Optional<Finding> check(ContainerSnapshot container, AuditContext context) {
        return evidence(container, context)
                .map(seen -> new Finding(id, reference, severity, container.name(), seen, why, fix));
    }

    public final String id() {
        return id;
    }

    public final Severity severity() {
        return severity;
    }

    public final String reference() {
        return reference;
    }
}
