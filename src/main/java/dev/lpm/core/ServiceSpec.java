package dev.lpm.core;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the user registered. Persisted; changes only when the user changes the registration.
 *
 * @param name             DNS-label name, unique
 * @param command          command template with an optional {@code {port}} placeholder; {@code null}
 *                         for an alias (a route to a port that something else serves)
 * @param port             the service's port (assigned from the range, or chosen with --port)
 * @param flags            kill-switch bypass, isolated mode
 * @param workingDirectory where the command runs; {@code null} means the user's home
 * @param environment      extra environment variables for the command
 * @param createdAt        registration time
 * @param autostart        whether the service should run: set by start, cleared by stop, so a
 *                         restarted instance brings back what was running
 */
public record ServiceSpec(
        ServiceName name,
        String command,
        int port,
        ServiceFlags flags,
        Path workingDirectory,
        Map<String, String> environment,
        Instant createdAt,
        boolean autostart) {

    public static final String PORT_PLACEHOLDER = "{port}";

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
        if (command != null && command.isBlank()) {
            throw new IllegalArgumentException("the command for '" + name + "' is empty");
        }
        flags = flags == null ? ServiceFlags.NONE : flags;
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    public boolean isAlias() {
        return command == null;
    }

    /** The command with every {@code {port}} replaced by this service's port. */
    public String renderedCommand() {
        return command == null ? null : command.replace(PORT_PLACEHOLDER, Integer.toString(port));
    }

    public ServiceSpec withAutostart(boolean value) {
        return new ServiceSpec(name, command, port, flags, workingDirectory, environment, createdAt, value);
    }
}
