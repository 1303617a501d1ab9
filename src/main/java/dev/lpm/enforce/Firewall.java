package dev.lpm.enforce;

import java.util.List;

/** PLACEHOLDER until the helper branch lands. */
public interface Firewall {
    List<AppliedRuleSet> applied();

    void apply(RuleSet set, PortRange ports);

    void release(RuleSet set);

    List<String> releaseAll();
}
