package dev.lpm.docker.command;

import java.util.List;

/**
 * The result of {@link ContainerCliLine#rewriteForIsolation}.
 *
 * @param command       the command line to run instead: no {@code -p}, on the internal network, named, labelled
 * @param containerName the container's name (may hold {@code {port}} when the user's {@code --name} did)
 * @param containerPort the container's TCP port lpm forwards the service's port to
 * @param changes       one line per change, for the user
 * @param notes         what the user should know but is not changed
 */
public record IsolatedRewrite(String command, String containerName, String containerPort, List<String> changes,
                              List<String> notes) {
    public IsolatedRewrite {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }
}
