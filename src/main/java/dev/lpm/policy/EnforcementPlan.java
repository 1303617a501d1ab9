package dev.lpm.policy;

import dev.lpm.core.EngineVersion;
import dev.lpm.enforce.PortRange;
import dev.lpm.enforce.RuleSet;
import java.util.EnumMap;
import java.util.Map;

/**
 * Which of the firewall helper's rule sets must hold right now; the one place that decides it.
 * <ul>
 *   <li>{@link RuleSet#NATIVE_PORTS}: always while lpm runs, so a service that binds 0.0.0.0 on a port lpm
 *       handed out is still reachable from this machine only.</li>
 *   <li>{@link RuleSet#LOCKDOWN}: while a VPN is up and the kill switch is on, so a container published
 *       beyond loopback is unreachable from its first packet, however it was started.</li>
 *   <li>{@link RuleSet#LEGACY_ENGINE_GUARD}: whenever the engine is older than Docker 28, VPN or not: a
 *       neighbour on a café network needs no VPN to use the 127.0.0.1 hole (moby#45610).</li>
 * </ul>
 */
public final class EnforcementPlan {

    /** The engine version from which Docker drops packets for 127/8 and container addresses from outside itself. */
    public static final int ENGINE_FIXED_IN_MAJOR = 28;

    private EnforcementPlan() {}

    /**
     * @param engineVersion the engine's version while it answers, else null (no engine: nothing to guard)
     * @return each rule set that must hold, with its ports (null except for {@link RuleSet#NATIVE_PORTS})
     */
    public static Map<RuleSet, PortRange> wanted(boolean vpnActive, boolean killSwitch, String engineVersion,
                                                 dev.lpm.core.PortRange servicePorts) {
        Map<RuleSet, PortRange> wanted = new EnumMap<>(RuleSet.class);
        wanted.put(RuleSet.NATIVE_PORTS, new PortRange(servicePorts.first(), servicePorts.last()));
        if (vpnActive && killSwitch) {
            wanted.put(RuleSet.LOCKDOWN, null);
        }
        if (engineVersion != null && engineNeedsGuard(engineVersion)) {
            wanted.put(RuleSet.LEGACY_ENGINE_GUARD, null);
        }
        return wanted;
    }

    /** Whether an engine of this version ("20.10.24+dfsg1") lets neighbours in; an unreadable version does. */
    public static boolean engineNeedsGuard(String engineVersion) {
        int major = EngineVersion.major(engineVersion);
        return major < ENGINE_FIXED_IN_MAJOR;
    }
}
