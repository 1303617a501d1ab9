package dev.lpm.enforce;

import java.util.ArrayList;
import java.util.List;

/**
 * One chain of a rule set: where it lives ({@code family}, {@code table}), the built-in or Docker chain
 * that jumps to it ({@code parent}), and its rules as iptables arguments after {@code -A CHAIN}. Every rule
 * and the jump carry the set's tag as a comment.
 */
public record ChainTemplate(RuleSet owner, IpFamily family, String table, String parent, String chain,
                            List<List<String>> rules) {

    public ChainTemplate {
        rules = rules.stream().map(List::copyOf).toList();
    }

    /** The jump from the parent chain, as iptables arguments after {@code -I PARENT 1} or {@code -D PARENT}. */
    public List<String> jump() {
        return List.of("-m", "comment", "--comment", owner.tag(), "-j", chain);
    }

    /** Whether the parent is Docker's chain (created when missing, as Docker itself keeps an existing one). */
    public boolean parentIsUserChain() {
        return parent.equals(RuleTemplates.DOCKER_USER);
    }

    /** {@code iptables filter LPM-PORTS} and the like, for messages. */
    public String where() {
        return family.tool() + " " + table + " " + chain;
    }

    /** Builds a rule: the match arguments, then the tag, then {@code -j target}. */
    static List<String> rule(RuleSet owner, String target, String... match) {
        List<String> rule = new ArrayList<>(List.of(match));
        rule.addAll(List.of("-m", "comment", "--comment", owner.tag(), "-j", target));
        return rule;
    }
}
