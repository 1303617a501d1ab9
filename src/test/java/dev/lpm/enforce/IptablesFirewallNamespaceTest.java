package dev.lpm.enforce;

import static dev.lpm.enforce.Namespaces.linesWith;
import static dev.lpm.enforce.Namespaces.ok;
import static dev.lpm.enforce.Namespaces.saved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpm.testsupport.NetworkNamespace;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link IptablesFirewall} against the real iptables and ip6tables, each test in a namespace of its own
 * ({@code lpmtest-helper-*}, removed afterwards with every rule in it). What the kernel holds is read back
 * with iptables-save, not through the class under test.
 */
class IptablesFirewallNamespaceTest {

    private static final PortRange LPM_PORTS = new PortRange(4000, 4999);

    private final Namespaces namespaces = new Namespaces();

    @AfterEach
    void removeNamespaces() {
        namespaces.close();
    }

    @ParameterizedTest
    @EnumSource(RuleSet.class)
    void aRuleSetAppliedTwiceIsInTheKernelOnceAndReleasedLeavesNothing(RuleSet set) {
        NetworkNamespace ns = namespaces.create();
        IptablesFirewall firewall = Namespaces.firewallIn(ns);
        PortRange ports = set.takesPorts() ? LPM_PORTS : null;

        firewall.apply(set, ports);
        String once = saved(ns);
        firewall.apply(set, ports);
        String twice = saved(ns);

        for (String tool : List.of("iptables-save", "ip6tables-save")) {
            List<String> tagged = ok(ns, tool).lines().filter(l -> l.contains(set.tag())).toList();
            assertThat(tagged).as("%s after applying twice", tool).doesNotHaveDuplicates();
        }
        assertThat(linesWith(twice, set.tag())).isPositive().isEqualTo(linesWith(once, set.tag()));
        assertThat(linesWith(twice, "lpm-helper:")).as("nothing of another set").isEqualTo(linesWith(twice, set.tag()));
        assertThat(twice).contains(expectedLines(set));
        assertThat(firewall.applied()).containsExactly(new AppliedRuleSet(set, ports));

        firewall.release(set);
        assertThat(saved(ns)).doesNotContain("lpm-helper").doesNotContain("LPM-");
        assertThat(firewall.applied()).isEmpty();
        firewall.release(set); // not applied: nothing to do, nothing fails
        assertThat(firewall.remove(set)).isEmpty();
    }

    /** A few exact lines per set, as iptables-save prints them. */
    private static String[] expectedLines(RuleSet set) {
        return switch (set) {
            case LOCKDOWN -> new String[] {
                "-A DOCKER-USER -m comment --comment \"lpm-helper:lockdown\" -j LPM-LOCKDOWN",
                "-A LPM-LOCKDOWN -i br-+ -m comment --comment \"lpm-helper:lockdown\" -j RETURN",
                "-A LPM-LOCKDOWN -m conntrack --ctdir REPLY -m comment --comment \"lpm-helper:lockdown\" -j RETURN",
                "-A LPM-LOCKDOWN -m conntrack --ctstate DNAT ! --ctorigdst 127.0.0.0/8 --ctdir ORIGINAL"
                        + " -m comment --comment \"lpm-helper:lockdown\" -j DROP",
                "-A LPM-LOCKDOWN -m conntrack --ctstate DNAT ! --ctorigdst ::1 --ctdir ORIGINAL"
                        + " -m comment --comment \"lpm-helper:lockdown\" -j DROP",
                "-A INPUT -m comment --comment \"lpm-helper:lockdown\" -j LPM-LOCKDOWN-IN6",
                "-A LPM-LOCKDOWN-IN6 -p ipv6-icmp -m comment --comment \"lpm-helper:lockdown\" -j RETURN",
                "-A LPM-LOCKDOWN-IN6 -p udp -m udp --dport 546 -m comment --comment \"lpm-helper:lockdown\" -j RETURN",
                "-A LPM-LOCKDOWN-IN6 -p tcp -m conntrack --ctstate NEW -m comment --comment \"lpm-helper:lockdown\" -j DROP",
            };
            case NATIVE_PORTS -> new String[] {
                "-A INPUT -m comment --comment \"lpm-helper:native-ports\" -j LPM-PORTS",
                "-A LPM-PORTS ! -i lo -p tcp -m tcp --dport 4000:4999 -m conntrack --ctstate NEW"
                        + " -m comment --comment \"lpm-helper:native-ports\" -j DROP",
                "-A LPM-PORTS ! -i lo -p udp -m udp --dport 4000:4999 -m conntrack --ctstate NEW"
                        + " -m comment --comment \"lpm-helper:native-ports\" -j DROP",
            };
            case LEGACY_ENGINE_GUARD -> new String[] {
                "-A PREROUTING -m comment --comment \"lpm-helper:legacy-engine-guard\" -j LPM-LOOPBACK",
                "-A LPM-LOOPBACK -d 127.0.0.0/8 ! -i lo -m comment --comment \"lpm-helper:legacy-engine-guard\" -j DROP",
                "-A DOCKER-USER -m comment --comment \"lpm-helper:legacy-engine-guard\" -j LPM-DIRECT",
                "-A LPM-DIRECT -m conntrack --ctstate DNAT -m comment --comment \"lpm-helper:legacy-engine-guard\" -j RETURN",
                "-A LPM-DIRECT -o docker0 -m comment --comment \"lpm-helper:legacy-engine-guard\" -j DROP",
            };
        };
    }

    @Test
    void allSetsTogetherAreReadBackFromTheKernelAndReleaseAllRemovesThem() {
        NetworkNamespace ns = namespaces.create();
        IptablesFirewall firewall = Namespaces.firewallIn(ns);
        for (RuleSet set : RuleSet.values()) {
            firewall.apply(set, set.takesPorts() ? LPM_PORTS : null);
        }
        // Another instance of the class, like a restarted helper, sees the same: the kernel is the truth.
        assertThat(Namespaces.firewallIn(ns).applied()).containsExactlyInAnyOrder(AppliedRuleSet.of(RuleSet.LOCKDOWN),
                new AppliedRuleSet(RuleSet.NATIVE_PORTS, LPM_PORTS), AppliedRuleSet.of(RuleSet.LEGACY_ENGINE_GUARD));

        List<String> removed = firewall.releaseAll();

        assertThat(removed).hasSize(7).anyMatch(l -> l.startsWith("lockdown: removed iptables filter LPM-LOCKDOWN"))
                .anyMatch(l -> l.startsWith("legacy-engine-guard: removed iptables raw LPM-LOOPBACK (1 rule)"));
        String after = saved(ns);
        assertThat(linesWith(after, "lpm-helper")).isZero();
        assertThat(after).doesNotContain("LPM-");
        assertThat(firewall.releaseAll()).isEmpty();
    }

    @Test
    void nativePortsWithAnotherRangeReplacesTheRange() {
        NetworkNamespace ns = namespaces.create();
        IptablesFirewall firewall = Namespaces.firewallIn(ns);
        firewall.apply(RuleSet.NATIVE_PORTS, LPM_PORTS);
        firewall.apply(RuleSet.NATIVE_PORTS, new PortRange(5000, 5000));

        String saved = saved(ns);
        assertThat(saved).contains("--dport 5000 ").doesNotContain("4000:4999");
        assertThat(linesWith(saved, "lpm-helper:native-ports")).isEqualTo(6); // 2 jumps, 2 rules each family
        assertThat(firewall.applied()).containsExactly(new AppliedRuleSet(RuleSet.NATIVE_PORTS, new PortRange(5000, 5000)));
    }

    @Test
    void dockersChainIsKeptAndTheJumpGoesBackToTheTopOnce() {
        NetworkNamespace ns = namespaces.create();
        IptablesFirewall firewall = Namespaces.firewallIn(ns);
        // Docker's own DOCKER-USER, as engines before 28 make it, and a rule of the user's in INPUT.
        ok(ns, "iptables", "-N", "DOCKER-USER");
        ok(ns, "iptables", "-A", "DOCKER-USER", "-j", "RETURN");
        ok(ns, "iptables", "-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "ACCEPT");

        firewall.apply(RuleSet.LOCKDOWN, null);
        // Someone puts a rule above the jump and copies the jump further down.
        ok(ns, "iptables", "-I", "DOCKER-USER", "1", "-s", "192.0.2.9", "-j", "ACCEPT");
        ok(ns, "iptables", "-A", "DOCKER-USER", "-m", "comment", "--comment", "lpm-helper:lockdown", "-j", "LPM-LOCKDOWN");
        firewall.apply(RuleSet.LOCKDOWN, null);

        List<String> dockerUser = ok(ns, "iptables", "-S", "DOCKER-USER").lines().skip(1).toList();
        assertThat(dockerUser).containsExactly(
                "-A DOCKER-USER -m comment --comment \"lpm-helper:lockdown\" -j LPM-LOCKDOWN",
                "-A DOCKER-USER -s 192.0.2.9/32 -j ACCEPT",
                "-A DOCKER-USER -j RETURN");

        firewall.releaseAll();
        assertThat(ok(ns, "iptables", "-S", "DOCKER-USER").lines().skip(1).toList())
                .containsExactly("-A DOCKER-USER -s 192.0.2.9/32 -j ACCEPT", "-A DOCKER-USER -j RETURN");
        assertThat(ok(ns, "iptables", "-S", "INPUT")).contains("-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT");
    }

    @Test
    void aFailedCommandIsNamedWithWhatItWroteToStderr() {
        NetworkNamespace ns = namespaces.create();
        IptablesFirewall firewall = Namespaces.firewallIn(ns);
        firewall.apply(RuleSet.NATIVE_PORTS, LPM_PORTS);
        // A jump lpm did not make keeps the chain in use: deleting it must fail, loudly.
        ok(ns, "iptables", "-A", "FORWARD", "-j", "LPM-PORTS");

        assertThatThrownBy(() -> firewall.release(RuleSet.NATIVE_PORTS))
                .isInstanceOf(FirewallException.class)
                .hasMessageContaining("-X LPM-PORTS failed (exit")
                .satisfies(e -> {
                    FirewallException failure = (FirewallException) e;
                    assertThat(failure.command()).contains("-X", "LPM-PORTS");
                    assertThat(failure.stderr()).isNotBlank();
                });
    }
}
