package dev.lpm.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.enforce.PortRange;
import dev.lpm.enforce.RuleSet;
import org.junit.jupiter.api.Test;

class EnforcementPlanTest {

    private static final dev.lpm.core.PortRange PORTS = dev.lpm.core.PortRange.DEFAULT;

    @Test
    void lpmsPortsAreClosedToOtherMachinesWheneverItRuns() {
        assertThat(EnforcementPlan.wanted(false, false, null, PORTS)).containsOnlyKeys(RuleSet.NATIVE_PORTS)
                .containsEntry(RuleSet.NATIVE_PORTS, new PortRange(4000, 4999));
        assertThat(EnforcementPlan.wanted(false, true, "28.0.1", new dev.lpm.core.PortRange(5000, 5099)))
                .containsEntry(RuleSet.NATIVE_PORTS, new PortRange(5000, 5099));
    }

    @Test
    void theLockdownHoldsOnlyWhileAVpnIsUpAndTheKillSwitchIsOn() {
        assertThat(EnforcementPlan.wanted(true, true, "28.0.1", PORTS)).containsKey(RuleSet.LOCKDOWN);
        assertThat(EnforcementPlan.wanted(true, false, "28.0.1", PORTS)).doesNotContainKey(RuleSet.LOCKDOWN);
        assertThat(EnforcementPlan.wanted(false, true, "28.0.1", PORTS)).doesNotContainKey(RuleSet.LOCKDOWN);
    }

    @Test
    void enginesBefore28AreGuardedVpnOrNot() {
        assertThat(EnforcementPlan.wanted(false, true, "20.10.24+dfsg1", PORTS)).containsKey(RuleSet.LEGACY_ENGINE_GUARD);
        assertThat(EnforcementPlan.wanted(true, true, "27.5.1", PORTS)).containsKey(RuleSet.LEGACY_ENGINE_GUARD);
        assertThat(EnforcementPlan.wanted(false, true, "28.0.0", PORTS)).doesNotContainKey(RuleSet.LEGACY_ENGINE_GUARD);
        assertThat(EnforcementPlan.wanted(false, true, "29.1.0", PORTS)).doesNotContainKey(RuleSet.LEGACY_ENGINE_GUARD);
        // An engine that does not say its version is treated as old; no engine needs no guard.
        assertThat(EnforcementPlan.wanted(false, true, "dev", PORTS)).containsKey(RuleSet.LEGACY_ENGINE_GUARD);
        assertThat(EnforcementPlan.wanted(true, true, null, PORTS)).doesNotContainKey(RuleSet.LEGACY_ENGINE_GUARD);
    }
}
