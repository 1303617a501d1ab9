package dev.lpm.control;

import dev.lpm.core.PortExposure;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceSpec;
import dev.lpm.core.ServiceState;
import dev.lpm.core.ServiceStatus;
import dev.lpm.core.Settings;
import java.time.Instant;

/**
 * A service as {@code lpm list --json} prints it. This shape is documented in the README and stable:
 * fields may be added, never renamed or removed. {@code startTimeout} and {@code stopGrace} are in
 * seconds, the service's own or the settings'. {@code exposure} is where a running service listens on
 * its port ({@code null} while not known: see {@link ServiceStatus#exposure()}). {@code group} is the project
 * ({@code lpm up}) the service belongs to, else null; {@code environment} the extra variables it was
 * registered with ({@code lpm up} compares them to the project file). {@code direct} is where a running
 * service answers without the proxy, {@code http://127.0.0.1:PORT} or {@code http://[::1]:PORT} (probed when
 * the instance answers; null in events and while nothing accepts).
 */
public record ServiceView(
        String name,
        String url,
        int port,
        String kind,
        String command,
        String runCommand,
        ServiceState state,
        String reason,
        Instant since,
        Long pid,
        Integer exitCode,
        int restarts,
        boolean isolated,
        boolean killSwitchBypass,
        boolean subdomains,
        String workingDirectory,
        Instant createdAt,
        boolean autostart,
        long startTimeout,
        long stopGrace,
        PortExposure exposure,
        String group,
        java.util.Map<String, String> environment,
        String direct) {

    /**
     * @param url        the address users open ({@code ServiceManager.urlOf}: its scheme follows urlScheme)
     * @param runCommand what lpm runs when that differs from {@code command} (a docker, podman or nerdctl
     *                   command bound to loopback)
     */
    public static ServiceView of(Service service, String url, Settings settings, String runCommand) {
        ServiceSpec spec = service.spec();
        ServiceStatus status = service.status();
        return new ServiceView(
                spec.name().value(),
                url,
                spec.port(),
                spec.isAlias() ? "alias" : "command",
                spec.command(),
                runCommand,
                status.state(),
                status.reason(),
                status.since(),
                status.pid(),
                status.exitCode(),
                status.restarts(),
                spec.flags().isolated(),
                spec.flags().killSwitchBypass(),
                spec.flags().subdomains(),
                spec.workingDirectory() == null ? null : spec.workingDirectory().toString(),
                spec.createdAt(),
                spec.autostart(),
                spec.startTimeoutOr(settings.startTimeout()).toSeconds(),
                spec.stopGraceOr(settings.stopGrace()).toSeconds(),
                status.exposure(),
                spec.group(),
                spec.environment(),
                null);
    }

    /** The same view with the address the service answers on directly ({@code ListenerProbe.directUrl}). */
    public ServiceView withDirect(String directUrl) {
        return new ServiceView(name, url, port, kind, command, runCommand, state, reason, since, pid, exitCode,
                restarts, isolated, killSwitchBypass, subdomains, workingDirectory, createdAt, autostart, startTimeout,
                stopGrace, exposure, group, environment, directUrl);
    }
}
