package dev.lpm.enforce;

/** PLACEHOLDER until the helper branch lands. */
public class FirewallUnavailableException extends RuntimeException {
    public enum Kind { ABSENT, REFUSED, FAILED }

    private final Kind kind;
    private final String fix;

    public FirewallUnavailableException(Kind kind, String message, String fix) {
        super(message);
        this.kind = kind;
        this.fix = fix;
    }

    public Kind kind() {
        return kind;
    }

    public String fix() {
        return fix;
    }
}
