package dev.lpm.enforce;

import java.util.List;

/**
 * The firewall could not be read or changed. When a command failed it is named, with what it wrote to
 * stderr, so the message alone says what went wrong.
 */
public class FirewallException extends RuntimeException {

    private final List<String> command;
    private final String stderr;

    public FirewallException(String message) {
        this(message, List.of(), "", null);
    }

    public FirewallException(String message, Throwable cause) {
        this(message, List.of(), "", cause);
    }

    public FirewallException(String message, List<String> command, String stderr, Throwable cause) {
        super(message, cause);
        this.command = List.copyOf(command);
        this.stderr = stderr == null ? "" : stderr;
    }

    /** The command that failed, or empty. */
    public List<String> command() {
        return command;
    }

    /** What the failed command wrote to stderr, or empty. */
    public String stderr() {
        return stderr;
    }
}
