package dev.lpm.enforce;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rule engine: puts {@link RuleTemplates}' chains into the kernel with {@code iptables} and
 * {@code ip6tables}, and reads back from the kernel what is there, so the kernel is the truth.
 *
 * <p>Every rule lives in a chain of lpm's own ({@code LPM-*}), reached by exactly one jump at the top of
 * its parent ({@code DOCKER-USER}, {@code INPUT} or raw {@code PREROUTING}); rules and jump carry the
 * comment {@code lpm-helper:<set>}. Applying fills the chain (created when missing, and Docker's
 * {@code DOCKER-USER} too: Docker keeps an existing one) and then moves the jump to the top; applying again
 * appends the new rules before it deletes the old ones, so a chain that is in use is never empty, not
 * even for a moment. Releasing deletes the jump, then flushes and deletes the chain; {@code DOCKER-USER}
 * stays (it is Docker's).
 *
 * <p><b>LOCKDOWN closes IPv6 from the network to this machine, on purpose.</b> Docker without ip6tables
 * answers IPv6 on a published port from docker-proxy, a host process reached through INPUT, not DNAT, so
 * DOCKER-USER never sees it. While a VPN is up, LOCKDOWN therefore drops every new IPv6 tcp and udp connection
 * that does not come from loopback or a container bridge ({@code LPM-LOCKDOWN-IN6} in ip6tables INPUT): an
 * IPv6 ssh from the LAN to this machine stops too. ICMPv6 (neighbour discovery), DHCPv6 answers and
 * connections this machine made keep working; IPv4 to host processes is not touched.
 *
 * <p>Argument lists are built from the templates' fixed text and the numbers of a validated
 * {@link PortRange}, nothing else. A {@code prefix} (e.g. {@code ip netns exec NS}) runs the commands
 * elsewhere, for tests. Operations are serialised: one change at a time.
 */
public final class IptablesFirewall implements Firewall {

    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    /** Where the tools are looked for: system directories only, never PATH (this runs as root). */
    static final List<String> TOOL_DIRECTORIES = List.of("/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/bin", "/bin");

    private final List<String> prefix;
    private final CommandRunner runner;
    private final Map<IpFamily, String> tools;

    private IptablesFirewall(List<String> prefix, CommandRunner runner, Map<IpFamily, String> tools) {
        this.prefix = List.copyOf(prefix);
        this.runner = runner;
        this.tools = Collections.unmodifiableMap(new EnumMap<>(tools));
    }

    /** The firewall of this machine's network namespace. */
    public static IptablesFirewall onThisMachine() {
        return create(List.of(), new ProcessCommandRunner());
    }

    /**
     * Runs every command as {@code prefix + [iptables, ...]} through {@code runner}. IPv6 rules are made when
     * the kernel has IPv6; then ip6tables must be there too, or IPv6 would be left open.
     */
    public static IptablesFirewall create(List<String> prefix, CommandRunner runner) {
        Map<IpFamily, String> tools = new EnumMap<>(IpFamily.class);
        tools.put(IpFamily.V4, find(IpFamily.V4.tool()));
        if (Files.exists(Path.of("/proc/net/if_inet6"))) {
            tools.put(IpFamily.V6, find(IpFamily.V6.tool()));
        }
        return new IptablesFirewall(prefix, runner, tools);
    }

    private static String find(String tool) {
        for (String dir : TOOL_DIRECTORIES) {
            Path candidate = Path.of(dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new FirewallException(tool + " is not installed (looked in " + String.join(", ", TOOL_DIRECTORIES)
                + "): apt-get install iptables");
    }

    /** The families this firewall filters: IPv4, and IPv6 when the kernel has it. */
    public Set<IpFamily> families() {
        return tools.keySet();
    }

    @Override
    public synchronized List<AppliedRuleSet> applied() {
        Map<String, TableListing> listings = new HashMap<>();
        List<AppliedRuleSet> applied = new ArrayList<>();
        for (RuleSet set : RuleSet.values()) {
            List<ChainTemplate> chains = RuleTemplates.chains(set, null, families());
            boolean complete = chains.stream().allMatch(c -> {
                TableListing listing = listings.computeIfAbsent(key(c), k -> list(c.family(), c.table()));
                return listing.hasChain(c.chain()) && listing.count(c.parent(), c.jump()) > 0;
            });
            if (complete) {
                ChainTemplate first = chains.getFirst();
                applied.add(new AppliedRuleSet(set, set.takesPorts() ? portsIn(listings.get(key(first)), first) : null));
            }
        }
        return List.copyOf(applied);
    }

    @Override
    public synchronized void apply(RuleSet set, PortRange ports) {
        new AppliedRuleSet(set, ports); // refuses a range where none belongs, and a missing one
        for (ChainTemplate chain : RuleTemplates.chains(set, ports, families())) {
            install(chain);
        }
    }

    @Override
    public synchronized void release(RuleSet set) {
        remove(set);
    }

    /** Removes {@code set}'s chains and jumps, if there; returns what it removed, one line per chain. */
    public synchronized List<String> remove(RuleSet set) {
        List<String> removed = new ArrayList<>();
        List<ChainTemplate> chains = new ArrayList<>(RuleTemplates.chains(set, null, families()));
        Collections.reverse(chains);
        for (ChainTemplate chain : chains) {
            TableListing listing = list(chain.family(), chain.table());
            int jumps = listing.count(chain.parent(), chain.jump());
            for (int i = 0; i < jumps; i++) {
                change(chain, cat(List.of("-D", chain.parent()), chain.jump()));
            }
            if (listing.hasChain(chain.chain())) {
                int rules = listing.rules(chain.chain()).size();
                change(chain, List.of("-F", chain.chain()));
                change(chain, List.of("-X", chain.chain()));
                removed.add(set.wireName() + ": removed " + chain.where() + " (" + rules + (rules == 1 ? " rule)" : " rules)")
                        + (jumps == 0 ? ", which nothing jumped to" : jumps == 1 ? " and its jump from " + chain.parent()
                        : " and " + jumps + " jumps from " + chain.parent()));
            }
        }
        return removed;
    }

    @Override
    public synchronized List<String> releaseAll() {
        List<String> removed = new ArrayList<>();
        for (RuleSet set : RuleSet.values()) {
            removed.addAll(remove(set));
        }
        return List.copyOf(removed);
    }

    private void install(ChainTemplate chain) {
        TableListing before = list(chain.family(), chain.table());
        if (chain.parentIsUserChain() && !before.hasChain(chain.parent())) {
            change(chain, List.of("-N", chain.parent()));
        }
        if (!before.hasChain(chain.chain())) {
            change(chain, List.of("-N", chain.chain()));
        }
        // New rules first, old ones after: a chain in use is never empty.
        int old = before.rules(chain.chain()).size();
        for (List<String> rule : chain.rules()) {
            change(chain, cat(List.of("-A", chain.chain()), rule));
        }
        for (int i = 0; i < old; i++) {
            change(chain, List.of("-D", chain.chain(), "1"));
        }
        TableListing after = list(chain.family(), chain.table());
        int jumps = after.count(chain.parent(), chain.jump());
        if (jumps == 1 && after.isFirst(chain.parent(), chain.jump())) {
            return;
        }
        // Missing, repeated or moved down by someone: exactly one, at the top.
        for (int i = 0; i < jumps; i++) {
            change(chain, cat(List.of("-D", chain.parent()), chain.jump()));
        }
        change(chain, cat(List.of("-I", chain.parent(), "1"), chain.jump()));
    }

    private PortRange portsIn(TableListing listing, ChainTemplate chain) {
        for (List<String> rule : listing.rules(chain.chain())) {
            int dport = rule.indexOf("--dport");
            if (dport >= 0 && dport + 1 < rule.size()) {
                String[] bounds = rule.get(dport + 1).split(":");
                try {
                    int from = Integer.parseInt(bounds[0]);
                    return new PortRange(from, bounds.length > 1 ? Integer.parseInt(bounds[1]) : from);
                } catch (IllegalArgumentException e) {
                    throw new FirewallException(chain.where() + " holds a rule lpm did not write: "
                            + String.join(" ", rule) + "; release " + chain.owner() + " to remove it");
                }
            }
        }
        throw new FirewallException(chain.where() + " has no port rule; release " + chain.owner() + " and apply it again");
    }

    private TableListing list(IpFamily family, String table) {
        return TableListing.parse(run(family, table, List.of("-S")).stdout());
    }

    private void change(ChainTemplate chain, List<String> arguments) {
        run(chain.family(), chain.table(), arguments);
    }

    private CommandResult run(IpFamily family, String table, List<String> arguments) {
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(List.of(tools.get(family), "-w", "5", "-t", table));
        argv.addAll(arguments);
        CommandResult result = runner.run(argv, COMMAND_TIMEOUT);
        if (!result.ok()) {
            String stderr = result.stderr().strip();
            throw new FirewallException(String.join(" ", argv) + " failed (exit " + result.exitCode() + ")"
                    + (stderr.isEmpty() ? "" : ": " + stderr), argv, stderr, null);
        }
        return result;
    }

    private static String key(ChainTemplate chain) {
        return chain.family() + "/" + chain.table();
    }

    private static List<String> cat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
