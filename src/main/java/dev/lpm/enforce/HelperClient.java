package dev.lpm.enforce;

import java.nio.file.Path;
import java.util.List;

/** PLACEHOLDER until the helper branch lands. */
public final class HelperClient implements Firewall {
    public static final Path DEFAULT_SOCKET = Path.of("/run/lpm/helper.sock");

    public HelperClient(Path socket) {}

    public List<AppliedRuleSet> applied() { throw new FirewallUnavailableException(FirewallUnavailableException.Kind.ABSENT, "x", "y"); }

    public void apply(RuleSet set, PortRange ports) {}

    public void release(RuleSet set) {}

    public List<String> releaseAll() { return List.of(); }
}
