package dev.lpm.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The values the instance and the helper share: wire names, port ranges, and which set takes a range. */
class RuleSetValuesTest {

    @Test
    void wireNamesAreFixed() {
        assertThat(List.of(RuleSet.values())).extracting(RuleSet::wireName)
                .containsExactly("lockdown", "native-ports", "legacy-engine-guard");
        assertThat(RuleSet.fromWire("native-ports")).hasValue(RuleSet.NATIVE_PORTS);
        assertThat(RuleSet.fromWire("NATIVE_PORTS")).isEmpty();
        assertThat(RuleSet.LOCKDOWN.tag()).isEqualTo("lpm-helper:lockdown");
    }

    @Test
    void portRangesStayWithin1024To65535InOrder() {
        assertThat(new PortRange(4000, 4999).iptablesSpec()).isEqualTo("4000:4999");
        assertThat(new PortRange(4000, 4000).iptablesSpec()).isEqualTo("4000");
        assertThat(new PortRange(1024, 65535)).isNotNull();
        for (int[] bad : new int[][] {{1023, 4000}, {4000, 65536}, {5000, 4999}, {0, 0}, {-5, 80}}) {
            assertThatThrownBy(() -> new PortRange(bad[0], bad[1])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad[0] + "-" + bad[1]);
        }
    }

    @Test
    void onlyNativePortsTakesARangeAndItMustHaveOne() {
        assertThat(new AppliedRuleSet(RuleSet.NATIVE_PORTS, new PortRange(4000, 4999)).toString())
                .isEqualTo("native-ports 4000-4999");
        assertThatThrownBy(() -> new AppliedRuleSet(RuleSet.NATIVE_PORTS, null)).hasMessageContaining("needs a port range");
        assertThatThrownBy(() -> new AppliedRuleSet(RuleSet.LOCKDOWN, new PortRange(4000, 4999)))
                .hasMessageContaining("takes no port range");
    }

    @Test
    void theTemplatesNameOnlyFixedChainsAndTagEveryRule() {
        Set<IpFamily> both = Set.of(IpFamily.V4, IpFamily.V6);
        for (RuleSet set : RuleSet.values()) {
            for (ChainTemplate chain : RuleTemplates.chains(set, set.takesPorts() ? new PortRange(4000, 4999) : null, both)) {
                assertThat(chain.chain()).startsWith("LPM-");
                assertThat(chain.parent()).isIn("DOCKER-USER", "INPUT", "PREROUTING");
                assertThat(chain.rules()).isNotEmpty().allSatisfy(rule ->
                        assertThat(String.join(" ", rule)).contains("-m comment --comment " + set.tag() + " -j "));
            }
        }
        assertThat(RuleTemplates.chains(RuleSet.LEGACY_ENGINE_GUARD, null, both)).allMatch(c -> c.family() == IpFamily.V4);
        assertThat(RuleTemplates.chains(RuleSet.LOCKDOWN, null, Set.of(IpFamily.V4))).hasSize(1);
    }
}
