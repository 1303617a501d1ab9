package dev.lpm.enforce;

import java.util.Objects;

/** A rule set as it is (or should be) in the firewall: with its port range for {@link RuleSet#NATIVE_PORTS}. */
public record AppliedRuleSet(RuleSet ruleSet, PortRange ports /* null unless NATIVE_PORTS */) {

    public AppliedRuleSet {
        Objects.requireNonNull(ruleSet, "ruleSet");
        if (ruleSet.takesPorts() != (ports != null)) {
            throw new IllegalArgumentException(ruleSet.takesPorts() ? ruleSet + " needs a port range"
                    : ruleSet + " takes no port range");
        }
    }

    public static AppliedRuleSet of(RuleSet ruleSet) {
        return new AppliedRuleSet(ruleSet, null);
    }

    @Override
    public String toString() {
        return ports == null ? ruleSet.wireName() : ruleSet.wireName() + " " + ports;
    }
}
