package dev.lpm.policy;

/**
 * A service lpm did not start for security reasons: the kill switch blocked it ({@link Kind#BLOCKED}, it
 * may run once the VPN is down or with the bypass) or lpm never runs its command ({@link Kind#REFUSED}).
 */
public class SecurityBlockedException extends RuntimeException {

    public enum Kind { BLOCKED, REFUSED }

    private final String serviceName;
    private final Kind kind;

    public SecurityBlockedException(String serviceName, Kind kind, String message) {
        super(message);
        this.serviceName = serviceName;
        this.kind = kind;
    }

    /** The exception for a decision that does not run anything; null for one that does. */
    public static SecurityBlockedException of(String serviceName, Decision decision) {
        return switch (decision) {
            case Decision.Block b -> new SecurityBlockedException(serviceName, Kind.BLOCKED, b.message());
            case Decision.Refuse r -> new SecurityBlockedException(serviceName, Kind.REFUSED,
                    "Service '" + serviceName + "' refused: " + r.reason());
            case Decision.Allow a -> null;
            case Decision.Rewrite r -> null;
        };
    }

    public String serviceName() {
        return serviceName;
    }

    public Kind kind() {
        return kind;
    }
}
