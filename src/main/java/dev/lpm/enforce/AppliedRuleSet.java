package dev.lpm.enforce;

/** PLACEHOLDER until the helper branch lands. */
public record AppliedRuleSet(RuleSet ruleSet, PortRange ports) {}
