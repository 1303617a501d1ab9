package dev.lpm.enforce;

import java.util.Arrays;
import java.util.Optional;

/**
 * The firewall rule sets lpm can ask for; nothing else can be asked. Each has a wire name (the helper's
 * protocol and state file) that also tags every rule it makes: {@code lpm-helper:<wire name>}.
 */
public enum RuleSet {
    /** While a VPN is up with the kill switch on: containers published beyond loopback are cut off from the network. */
    LOCKDOWN("lockdown"),
    /** lpm's port range answers only this machine, whatever address a native service binds. */
    NATIVE_PORTS("native-ports"),
    /** Engines before Docker 28: no packets for 127/8 from the network, no routing straight to containers. */
    LEGACY_ENGINE_GUARD("legacy-engine-guard");

    private final String wireName;

    RuleSet(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The comment every rule of this set carries, so it can be found and removed. */
    public String tag() {
        return "lpm-helper:" + wireName;
    }

    /** Whether the set takes a port range ({@link #NATIVE_PORTS} only). */
    public boolean takesPorts() {
        return this == NATIVE_PORTS;
    }

    public static Optional<RuleSet> fromWire(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
