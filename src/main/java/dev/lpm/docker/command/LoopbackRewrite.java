package dev.lpm.docker.command;

import java.util.List;

/**
 * The result of {@link ContainerCliLine#rewriteForLoopback()}.
 *
 * @param command the command line to run instead (byte for byte the original except the changed words)
 * @param changes one line per changed publication ("-p 8080:80 -> -p 127.0.0.1:8080:80 ..."), empty when
 *                everything was already on loopback
 * @param notes   what the user should know but is not changed ({@code --network container:x}, compose)
 */
public record LoopbackRewrite(String command, List<String> changes, List<String> notes) {
    public LoopbackRewrite {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }

    public boolean changed() {
        return !changes.isEmpty();
    }
}
