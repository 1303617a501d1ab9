package dev.lpm.docker.command;

/** A command line the shell itself would reject (an unterminated quote, a trailing backslash). */
public final class ShellSyntaxException extends IllegalArgumentException {
    public ShellSyntaxException(String message) {
        super(message);
    }
}
