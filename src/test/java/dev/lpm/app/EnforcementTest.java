package dev.lpm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.VpnStatus;
import dev.lpm.enforce.AppliedRuleSet;
import dev.lpm.enforce.Firewall;
import dev.lpm.enforce.FirewallUnavailableException;
import dev.lpm.enforce.PortRange;
import dev.lpm.enforce.RuleSet;
import dev.lpm.events.EventBus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the instance keeps the helper's rule sets: what it applies and releases as the VPN, the kill switch and
 * the engine change, what it takes over from an instance that died, what it leaves at stop, and what it says
 * when the helper is not there. The rules themselves are tested against the kernel in the helper's tests.
 */
class EnforcementTest {

    private final EventBus events = new EventBus();
    private final KernelTable kernel = new KernelTable();
    private final List<LpmEvent.EnforcementChanged> published = new CopyOnWriteArrayList<>();
    private volatile boolean vpn;
    private volatile boolean killSwitch = true;
    private volatile String engine = "28.0.1";
    private Enforcement enforcement;

    @AfterEach
    void stop() {
        if (enforcement != null) {
            enforcement.close();
        }
    }

    private Enforcement start(Firewall firewall) {
        events.subscribe(e -> {
            if (e instanceof LpmEvent.EnforcementChanged c) {
                published.add(c);
            }
        });
        enforcement = new Enforcement(firewall, () -> new Enforcement.Inputs(vpn, killSwitch, engine,
                dev.lpm.core.PortRange.DEFAULT), events, Clock.systemUTC()).start();
        return enforcement;
    }

    private void vpnChanges(boolean up) {
        vpn = up;
        events.publish(new LpmEvent.VpnChanged(VpnStatus.UNKNOWN, Instant.now()));
    }

    @Test
    void lpmsPortsAreClosedAtStartAndTheLockdownFollowsTheVpn() {
        start(kernel);
        assertThat(kernel.held()).containsOnlyKeys(RuleSet.NATIVE_PORTS);
        assertThat(enforcement.view().nativePorts()).isEqualTo("applied");
        assertThat(enforcement.view().lockdown()).isEqualTo("off");
        assertThat(enforcement.problems()).isEmpty();

        vpnChanges(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> kernel.held().containsKey(RuleSet.LOCKDOWN));
        await().atMost(Duration.ofSeconds(5)).until(() -> enforcement.view().lockdown().equals("engaged"));

        vpnChanges(false);
        await().atMost(Duration.ofSeconds(5)).until(() -> !kernel.held().containsKey(RuleSet.LOCKDOWN));
        assertThat(kernel.held()).containsOnlyKeys(RuleSet.NATIVE_PORTS);
    }

    @Test
    void aLockdownLeftByADeadInstanceIsKeptWhileTheVpnIsUpAndReleasedOnceItIsDown() {
        kernel.leftBehind(RuleSet.LOCKDOWN);
        vpn = true;
        start(kernel);
        assertThat(kernel.held()).containsKey(RuleSet.LOCKDOWN);
        assertThat(kernel.applies).doesNotContain("lockdown"); // taken over, not applied again

        kernel.leftBehind(RuleSet.LOCKDOWN);
        vpn = false;
        enforcement.close();
        enforcement = null;
        start(kernel);
        assertThat(kernel.held()).doesNotContainKey(RuleSet.LOCKDOWN);
    }

    @Test
    void stoppingReleasesThePortRuleAndTheEngineGuardButKeepsAnEngagedLockdown() {
        vpn = true;
        engine = "20.10.24+dfsg1";
        start(kernel).close();
        enforcement = null;
        assertThat(kernel.held()).containsOnlyKeys(RuleSet.LOCKDOWN);

        vpn = false;
        start(kernel);
        enforcement.close();
        enforcement = null;
        assertThat(kernel.held()).isEmpty();
    }

    @Test
    void anOldEngineIsGuardedWithoutAVpnAndTheGuardGoesWithTheEngine() {
        engine = "20.10.24+dfsg1";
        start(kernel);
        assertThat(kernel.held()).containsKeys(RuleSet.NATIVE_PORTS, RuleSet.LEGACY_ENGINE_GUARD);
        assertThat(enforcement.view().loopbackGuard()).isEqualTo("applied");

        engine = null;
        events.publish(new LpmEvent.DockerEngineChanged(false, "no engine", Instant.now()));
        await().atMost(Duration.ofSeconds(5)).until(() -> !kernel.held().containsKey(RuleSet.LEGACY_ENGINE_GUARD));
    }

    @Test
    void aSecondPassChangesNothing() {
        vpn = true;
        start(kernel);
        int before = kernel.applies.size();
        events.publish(new LpmEvent.SettingsChanged(null, Instant.now()));
        events.publish(new LpmEvent.SettingsChanged(null, Instant.now()));
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(kernel.applies).hasSize(before);
        assertThat(kernel.releases).isEmpty();
    }

    @Test
    void withoutTheHelperEveryGapIsAProblemNamingTheFix() {
        vpn = true;
        engine = "20.10.24+dfsg1";
        start(new Absent());
        assertThat(enforcement.view().helper()).isEqualTo("absent");
        assertThat(enforcement.view().nativePorts()).isEqualTo("missing");
        assertThat(enforcement.view().lockdown()).isEqualTo("missing");
        assertThat(enforcement.view().loopbackGuard()).isEqualTo("missing");
        assertThat(enforcement.problems()).singleElement().asString()
                .contains("lpm's firewall helper is not running", "ports 4000-4999 are open to other machines",
                        "reachable while the VPN is up", "Docker 20.10.24+dfsg1 lets neighbours reach",
                        "Fix: sudo systemctl enable --now lpm-helper.service");
        assertThat(published).isNotEmpty();
        assertThat(published.getLast().problems()).isEqualTo(enforcement.problems());
    }

    @Test
    void unlockReleasesEverythingAndKeepsHandsOffUntilTheVpnChanges() {
        vpn = true;
        start(kernel);
        assertThat(enforcement.unlock()).containsExactlyInAnyOrder("native-ports", "lockdown");
        assertThat(kernel.held()).isEmpty();
        assertThat(enforcement.view().lockdown()).isEqualTo("paused");
        events.publish(new LpmEvent.SettingsChanged(null, Instant.now()));
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(kernel.held()).isEmpty();

        vpnChanges(false);
        await().atMost(Duration.ofSeconds(5)).until(() -> kernel.held().containsKey(RuleSet.NATIVE_PORTS));
        assertThat(enforcement.view().lockdown()).isEqualTo("off");
    }

    @Test
    void withoutAHelperForThisSystemNothingIsAProblem() {
        start(null);
        assertThat(enforcement.view().helper()).isEqualTo("unsupported");
        assertThat(enforcement.problems()).isEmpty();
        assertThatThrownBy(enforcement::unlock).hasMessageContaining("no firewall helper on this operating system");
    }

    /** The kernel's rule sets as the helper would hold them. */
    private static final class KernelTable implements Firewall {
        private final Map<RuleSet, PortRange> held = new EnumMap<>(RuleSet.class);
        final List<String> applies = new CopyOnWriteArrayList<>();
        final List<String> releases = new CopyOnWriteArrayList<>();

        /** Rules an instance that died left in place. */
        synchronized void leftBehind(RuleSet set) {
            held.put(set, null);
        }

        synchronized Map<RuleSet, PortRange> held() {
            return new EnumMap<>(held);
        }

        @Override
        public synchronized List<AppliedRuleSet> applied() {
            return held.entrySet().stream().map(e -> new AppliedRuleSet(e.getKey(), e.getValue())).toList();
        }

        @Override
        public synchronized void apply(RuleSet set, PortRange ports) {
            applies.add(set.wireName());
            held.put(set, ports);
        }

        @Override
        public synchronized void release(RuleSet set) {
            releases.add(set.wireName());
            held.remove(set);
        }

        @Override
        public synchronized List<String> releaseAll() {
            List<String> removed = new ArrayList<>(held.keySet().stream().map(RuleSet::wireName).toList());
            held.clear();
            return removed;
        }
    }

    private static final class Absent implements Firewall {
        private static FirewallUnavailableException absent() {
            return new FirewallUnavailableException(FirewallUnavailableException.Kind.ABSENT,
                    "nothing listens on /run/lpm/helper.sock", "sudo systemctl enable --now lpm-helper.service");
        }

        @Override
        public List<AppliedRuleSet> applied() {
            throw absent();
        }

        @Override
        public void apply(RuleSet set, PortRange ports) {
            throw absent();
        }

        @Override
        public void release(RuleSet set) {
            throw absent();
        }

        @Override
        public List<String> releaseAll() {
            throw absent();
        }
    }
}
