package dev.lpm.control;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;

/**
 * One command sent over the control socket, as one JSON object with an {@code "op"} field. A
 * connection carries exactly one request; the server closes it after the last reply.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ControlRequest.Register.class, name = "register"),
        @JsonSubTypes.Type(value = ControlRequest.Alias.class, name = "alias"),
        @JsonSubTypes.Type(value = ControlRequest.Unregister.class, name = "unregister"),
        @JsonSubTypes.Type(value = ControlRequest.Start.class, name = "start"),
        @JsonSubTypes.Type(value = ControlRequest.Stop.class, name = "stop"),
        @JsonSubTypes.Type(value = ControlRequest.Restart.class, name = "restart"),
        @JsonSubTypes.Type(value = ControlRequest.ListServices.class, name = "list"),
        @JsonSubTypes.Type(value = ControlRequest.Logs.class, name = "logs"),
        @JsonSubTypes.Type(value = ControlRequest.Url.class, name = "url"),
        @JsonSubTypes.Type(value = ControlRequest.Status.class, name = "status"),
        @JsonSubTypes.Type(value = ControlRequest.Security.class, name = "security"),
        @JsonSubTypes.Type(value = ControlRequest.DockerHost.class, name = "docker-host"),
        @JsonSubTypes.Type(value = ControlRequest.Show.class, name = "show"),
        @JsonSubTypes.Type(value = ControlRequest.Unlock.class, name = "unlock"),
        @JsonSubTypes.Type(value = ControlRequest.Blocked.class, name = "blocked"),
        @JsonSubTypes.Type(value = ControlRequest.Resume.class, name = "resume"),
        @JsonSubTypes.Type(value = ControlRequest.KillSwitch.class, name = "kill-switch"),
        @JsonSubTypes.Type(value = ControlRequest.GetSettings.class, name = "settings"),
        @JsonSubTypes.Type(value = ControlRequest.SetSetting.class, name = "set-setting"),
})
public sealed interface ControlRequest {

    /**
     * {@code startTimeout} and {@code stopGrace} are optional: absent, the settings' values apply. {@code group}
     * is the project ({@code lpm up}) the service belongs to; absent for a service registered on its own.
     */
    record Register(String name, String command, Integer port, boolean isolated, boolean noKillSwitch,
                    boolean subdomains, boolean noStart, String workingDirectory, Map<String, String> environment,
                    java.time.Duration startTimeout, java.time.Duration stopGrace, String group)
            implements ControlRequest {

        /** A registration outside any project. */
        public Register(String name, String command, Integer port, boolean isolated, boolean noKillSwitch,
                        boolean subdomains, boolean noStart, String workingDirectory, Map<String, String> environment,
                        java.time.Duration startTimeout, java.time.Duration stopGrace) {
            this(name, command, port, isolated, noKillSwitch, subdomains, noStart, workingDirectory, environment,
                    startTimeout, stopGrace, null);
        }
    }

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
