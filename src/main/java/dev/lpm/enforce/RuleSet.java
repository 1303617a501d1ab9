package dev.lpm.enforce;

/** PLACEHOLDER until the helper branch lands. */
public enum RuleSet {
    LOCKDOWN("lockdown"), NATIVE_PORTS("native-ports"), LEGACY_ENGINE_GUARD("legacy-engine-guard");

    private final String wireName;

    RuleSet(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
