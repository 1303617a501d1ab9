package dev.lpm.core;

/** How bad a finding is, worst first (so the natural order sorts worst first). */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW, INFO;

    /** High and critical findings make {@code lpm audit} exit with 3, so scripts can stop on them. */
    public boolean failsAudit() {
        return this == CRITICAL || this == HIGH;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
