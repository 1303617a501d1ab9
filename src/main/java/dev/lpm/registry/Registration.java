package dev.lpm.registry;

import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A request to register a service.
 *
 * @param command          command template; {@code null} registers an alias
 * @param requestedPort    the port the user chose with --port; {@code null} assigns one from the range
 * @param workingDirectory {@code null} means the user's home
 * @param startTimeout     this service's own start timeout; {@code null} means the setting's
 * @param stopGrace        this service's own stop grace period; {@code null} means the setting's
 * @param group            the project it belongs to; {@code null} for none
 */
public record Registration(ServiceName name, String command, Integer requestedPort, ServiceFlags flags,
                           Path workingDirectory, Map<String, String> environment, Duration startTimeout,
                           Duration stopGrace, String group) {

    public Registration(ServiceName name, String command, Integer requestedPort, ServiceFlags flags,
                        Path workingDirectory, Map<String, String> environment, Duration startTimeout,
                        Duration stopGrace) {
        this(name, command, requestedPort, flags, workingDirectory, environment, startTimeout, stopGrace, null);
    }

    public Registration(ServiceName name, String command, Integer requestedPort, ServiceFlags flags,
                        Path workingDirectory, Map<String, String> environment) {
        this(name, command, requestedPort, flags, workingDirectory, environment, null, null, null);
    }

    public Registration {
        Objects.requireNonNull(name, "name");
        if (command == null && requestedPort == null) {
            throw new IllegalArgumentException("an alias needs the port it routes to");
        }
        flags = flags == null ? ServiceFlags.NONE : flags;
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    /** The same registration with another command (a dev server's port flags added). */
    public Registration withCommand(String newCommand) {
        return new Registration(name, newCommand, requestedPort, flags, workingDirectory, environment, startTimeout,
                stopGrace, group);
    }

    /** An alias: a name for a port that something else already serves. */
    public static Registration alias(ServiceName name, int port) {
        return new Registration(name, null, port, ServiceFlags.NONE, null, Map.of());
    }

    /** A service with a command, an assigned port and no extras. */
    public static Registration of(ServiceName name, String command) {
        return new Registration(name, command, null, ServiceFlags.NONE, null, Map.of());
    }
}
