package dev.lpm.control;

import java.util.Map;

/**
 * One thing a client asks the instance, typed. On the wire each is one HTTP route under {@code /v1}
 * ({@link ApiRoutes} maps both ways); handlers see only these records.
 */
public sealed interface ControlRequest {

    /**
     * Every field but {@code name} and {@code command} is optional: absent flags are false,
     * {@code keepIfBlocked} is true (a blocked service stays registered, as the window does), absent
     * {@code startTimeout}/{@code stopGrace} mean the settings' values, and {@code group} is the project
     * ({@code lpm up}) the service belongs to, absent for a service registered on its own.
     */
    record Register(String name, String command, Integer port, Boolean isolated, Boolean noKillSwitch,
                    Boolean subdomains, Boolean noStart, String workingDirectory, Map<String, String> environment,
                    java.time.Duration startTimeout, java.time.Duration stopGrace, Boolean keepIfBlocked,
                    String group)
            implements ControlRequest {
        public Register {
            isolated = Boolean.TRUE.equals(isolated);
            noKillSwitch = Boolean.TRUE.equals(noKillSwitch);
            subdomains = Boolean.TRUE.equals(subdomains);
            noStart = Boolean.TRUE.equals(noStart);
            keepIfBlocked = !Boolean.FALSE.equals(keepIfBlocked);
        }

        /** The CLI's registration outside any project: it always keeps a blocked service, as it always did. */
        public Register(String name, String command, Integer port, boolean isolated, boolean noKillSwitch,
                        boolean subdomains, boolean noStart, String workingDirectory, Map<String, String> environment,
                        java.time.Duration startTimeout, java.time.Duration stopGrace) {
            this(name, command, port, isolated, noKillSwitch, subdomains, noStart, workingDirectory, environment,
                    startTimeout, stopGrace, true, null);
        }
    }

    /**
     * {@code lpm run}: register {@code name} for as long as the connection lasts, start it in
     * {@code workingDirectory} (absolute) with the extra {@code environment}, and stream its output and state.
     */
    record Run(String name, String command, String workingDirectory, Map<String, String> environment)
            implements ControlRequest {}

    /** One service, as the list shows it. */
    record GetService(String name) implements ControlRequest {}

    /** The event stream (services, VPN, blocks, findings) until the client hangs up. */
    record Events() implements ControlRequest {}

    record Alias(String name, int port) implements ControlRequest {}

    record Unregister(String name) implements ControlRequest {}

    record Start(String name) implements ControlRequest {}

    record Stop(String name) implements ControlRequest {}

    record Restart(String name) implements ControlRequest {}

    record ListServices() implements ControlRequest {}

    /** The last {@code lines} lines; with {@code follow}, then every new line until the client hangs up. */
    record Logs(String name, int lines, boolean follow) implements ControlRequest {}

    record Url(String name) implements ControlRequest {}

    record Status() implements ControlRequest {}

    record Security() implements ControlRequest {}

    /** Whether this user's lpm CA is trusted in each place lpm trust covers (the instance's environment decides which). */
    record TrustStatus() implements ControlRequest {}

    /** Where the instance's Docker API guard listens (the value for DOCKER_HOST). */
    record DockerHost() implements ControlRequest {}

    /** Bring the desktop window to the front (a second launch of the app, or {@code lpm show}). */
    record Show() implements ControlRequest {}

    /** Release every firewall rule lpm's helper holds and keep hands off until the VPN or the kill switch changes. */
    record Unlock() implements ControlRequest {}
    /** The containers the kill switch stopped and nobody resumed yet (as the window lists them). */
    record Blocked() implements ControlRequest {}

    /** Start a blocked container again; {@code container} is its name or (a prefix of) its id. */
    record Resume(String container) implements ControlRequest {}

    /** Turn the kill switch on or off; {@code on} absent: only report it. */
    record KillSwitch(Boolean on) implements ControlRequest {}

    /** The settings the settings dialog edits, with their values. */
    record GetSettings() implements ControlRequest {}

    /** Change one of them (names: {@link SettingKeys}). */
    record SetSetting(String key, String value) implements ControlRequest {}
}
