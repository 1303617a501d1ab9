package dev.lpm.core;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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
 * @param startTimeout     how long this service may take to accept connections; {@code null} means the
 *                         setting {@code startTimeout}
 * @param stopGrace        how long this service gets between SIGTERM and SIGKILL; {@code null} means the
 *                         setting {@code stopGrace}
 * @param group            the project it belongs to ({@code lpm up} registers a project file's services under
 *                         the project's name); {@code null} for a service registered on its own
 */
public record ServiceSpec(
        ServiceName name,
        String command,
        int port,
        ServiceFlags flags,
        Path workingDirectory,
        Map<String, String> environment,
        Instant createdAt,
        boolean autostart,
        Duration startTimeout,
        Duration stopGrace,
        String group) {

    public static final String PORT_PLACEHOLDER = "{port}";
    /**
     * The group of services {@code lpm run} registered: they live as long as the terminal that runs them, so
     * an instance that finds one at start (its predecessor died mid-run) drops it. Not a valid project name.
     */
    public static final String RUN_GROUP = "lpm run";

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
        requirePositive(startTimeout, "start timeout");
        requirePositive(stopGrace, "stop grace period");
        group = group == null || group.isBlank() ? null : group;
    }

    /** A spec outside any group. */
    public ServiceSpec(ServiceName name, String command, int port, ServiceFlags flags, Path workingDirectory,
                       Map<String, String> environment, Instant createdAt, boolean autostart, Duration startTimeout,
                       Duration stopGrace) {
        this(name, command, port, flags, workingDirectory, environment, createdAt, autostart, startTimeout, stopGrace,
                null);
    }

    /** A spec with the settings' start timeout and stop grace. */
    public ServiceSpec(ServiceName name, String command, int port, ServiceFlags flags, Path workingDirectory,
                       Map<String, String> environment, Instant createdAt, boolean autostart) {
        this(name, command, port, flags, workingDirectory, environment, createdAt, autostart, null, null, null);
    }

    private static void requirePositive(Duration d, String what) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("the " + what + " must be longer than zero, not " + d);
        }
    }

    /** Registered by {@code lpm run}: gone when its terminal is. */
    public boolean isRun() {
        return RUN_GROUP.equals(group);
    }

    public boolean isAlias() {
        return command == null;
    }

    /** The command with every {@code {port}} replaced by this service's port. */
    public String renderedCommand() {
        return command == null ? null : render(command);
    }

    /** The environment with every {@code {port}} in a value replaced, as for the command. */
    public Map<String, String> renderedEnvironment() {
        Map<String, String> rendered = new LinkedHashMap<>();
        environment.forEach((key, value) -> rendered.put(key, render(value)));
        return rendered;
    }

    /** The working directory with {@code {port}} replaced; {@code null} means the user's home. */
    public Path renderedWorkingDirectory() {
        return workingDirectory == null ? null : Path.of(render(workingDirectory.toString()));
    }

    /** The start timeout for this service: its own, else {@code fallback} (the setting). */
    public Duration startTimeoutOr(Duration fallback) {
        return startTimeout != null ? startTimeout : fallback;
    }

    /** The stop grace for this service: its own, else {@code fallback} (the setting). */
    public Duration stopGraceOr(Duration fallback) {
        return stopGrace != null ? stopGrace : fallback;
    }

    private String render(String template) {
        return template.replace(PORT_PLACEHOLDER, Integer.toString(port));
    }

    public ServiceSpec withAutostart(boolean value) {
        return new ServiceSpec(name, command, port, flags, workingDirectory, environment, createdAt, value,
                startTimeout, stopGrace, group);
    }

    /** The same service running {@code runCommand} with {@code runEnvironment} (what the policy decided). */
    public ServiceSpec toRun(String runCommand, Map<String, String> runEnvironment) {
        return new ServiceSpec(name, runCommand, port, flags, workingDirectory, runEnvironment, createdAt, autostart,
                startTimeout, stopGrace, group);
    }
}
