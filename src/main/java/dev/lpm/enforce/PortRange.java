package dev.lpm.enforce;

/**
 * Ports {@code from} to {@code to}, both included, never below 1024 (the system's own services live
 * there and lpm never allocates them). Validated here, so a range is always safe to put into a rule.
 */
public record PortRange(int from, int to) {

    public static final int LOWEST = 1024;
    public static final int HIGHEST = 65_535;

    public PortRange {
        if (from < LOWEST || to > HIGHEST || from > to) {
            throw new IllegalArgumentException("a port range must lie within " + LOWEST + "-" + HIGHEST
                    + " with from <= to, not " + from + "-" + to);
        }
    }

    /** As iptables' {@code --dport} takes it: {@code 4000:4999}, or {@code 4000} for one port. */
    public String iptablesSpec() {
        return from == to ? Integer.toString(from) : from + ":" + to;
    }

    @Override
    public String toString() {
        return from + "-" + to;
    }
}
