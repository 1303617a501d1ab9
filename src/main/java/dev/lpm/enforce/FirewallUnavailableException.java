package dev.lpm.enforce;

/**
 * lpm cannot reach the firewall through the helper, with the one command that fixes it, for the
 * instance to show as it is.
 */
public final class FirewallUnavailableException extends FirewallException {

    public enum Kind {
        /** No helper socket, or nothing listening on it. */
        ABSENT,
        /** The helper refused this user. */
        REFUSED,
        /** The helper answered with a failure, or the conversation broke off. */
        FAILED
    }

    public static final String START_HELPER = "sudo systemctl enable --now lpm-helper.service";
    public static final String JOIN_DOCKER_GROUP = "sudo usermod -aG docker $USER";
    public static final String HELPER_LOG = "sudo journalctl -u lpm-helper.service";

    private final Kind kind;
    private final String fix;

    public FirewallUnavailableException(Kind kind, String message, String fix) {
        this(kind, message, fix, null);
    }

    public FirewallUnavailableException(Kind kind, String message, String fix, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.fix = fix;
    }

    public Kind kind() {
        return kind;
    }

    /** What the user runs to fix it, e.g. {@value #START_HELPER}. */
    public String fix() {
        return fix;
    }
}
