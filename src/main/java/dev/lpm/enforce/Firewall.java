package dev.lpm.enforce;

import java.util.List;

/**
 * The rule sets lpm holds in this machine's firewall. Every operation is idempotent: applying a set
 * twice leaves its rules there once (a second {@link RuleSet#NATIVE_PORTS} replaces the range),
 * releasing a set that is not applied does nothing. Rules stay until released, whatever happens to
 * the caller (fail closed). Failures throw {@link FirewallException}.
 */
public interface Firewall {

    /** The rule sets in the firewall now. */
    List<AppliedRuleSet> applied();

    /** Puts {@code set} in place; {@code ports} is the range for {@link RuleSet#NATIVE_PORTS}, else null. */
    void apply(RuleSet set, PortRange ports);

    /** Removes {@code set}'s rules, if any. */
    void release(RuleSet set);

    /** Removes every rule set; returns what it removed, one human-readable line each. */
    List<String> releaseAll();
}
