package dev.lpm.trust;

/** Where a place stands with lpm's CA. */
public enum TrustState {
    /** The place trusts this CA. */
    TRUSTED,
    /** The place does not trust it (or holds an older lpm CA). */
    MISSING,
    /** The place does not exist on this machine (no browser database yet, or excluded): nothing to do there. */
    ABSENT,
    /** The place cannot be checked or changed here: a tool is missing or the place does not exist. */
    UNAVAILABLE
}
