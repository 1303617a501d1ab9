package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.core.Severity;
import java.util.Optional;
import java.util.function.Function;

/** Shared shape of the three "shares a host namespace" rules; each subclass names one namespace. */
abstract class HostNamespaceRule extends ContainerRule {

    private final String field;
    private final Function<ContainerSnapshot, String> mode;

    HostNamespaceRule(String id, String reference, String field, Function<ContainerSnapshot, String> mode,
                      String why, String fix) {
        super(id, Severity.HIGH, reference, why, fix);
        this.field = field;
        this.mode = mode;
    }

    @Override
    protected final Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        return mode.apply(c).equals("host") ? Optional.of("HostConfig." + field + " = host") : Optional.empty();
    }
}
