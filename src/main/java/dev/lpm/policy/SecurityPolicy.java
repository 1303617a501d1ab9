package dev.lpm.policy;

import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import dev.lpm.core.VpnStatus;
import dev.lpm.docker.command.ContainerLabels;
import dev.lpm.docker.command.ContainerCliLine;
import dev.lpm.docker.command.ContainerCliRefusedException;
import dev.lpm.docker.command.IsolatedRewrite;
import dev.lpm.docker.command.LoopbackRewrite;
import java.util.Map;
import dev.lpm.docker.command.ShellSyntaxException;

/**
 * The one place that decides whether a service may start, and with which command. Pure: no I/O, no
 * state, so every caller (daemon, CLI, the embeddable {@code dev.lpm.api.LocalPortManager}) gets the
 * same answer for the same input.
 *
 * <p>docker, podman and nerdctl commands are judged alike ({@link ContainerCliLine} knows where their
 * options differ); "run/create" below means any of theirs.
 *
 * <ol>
 *   <li>A command that is not a run/create is allowed as it is: it binds what it binds (lpm gives it
 *       {@code HOST=127.0.0.1}). Other subcommands ({@code docker compose up}) are allowed unchanged with a
 *       note; the container guard covers what they start.</li>
 *   <li>A container command lpm will never run is refused: {@code --network host}, {@code -P}, the CLI
 *       behind {@code sudo}, options or values only the shell knows.</li>
 *   <li>While a VPN is active and the kill switch is on, a run/create that publishes any port is
 *       blocked, unless the service bypasses the kill switch. Loopback publications count too: before
 *       Docker 28 a neighbour on the LAN reaches them (see {@code EnforcementPlan}: the firewall helper closes it).</li>
 *   <li>An isolated service ({@code --isolated}) must be one docker run publishing {@code -p {port}:PORT}: it
 *       runs on the internal network {@link #ISOLATED_NETWORK} with nothing published, so the kill switch has
 *       nothing to block; lpm forwards 127.0.0.1:{port} to the container.</li>
 *   <li>Otherwise every published port is bound to loopback (a rewrite, or allow when it already was).</li>
 * </ol>
 */
public final class SecurityPolicy {

    /** {@link ContainerLabels#KILL_SWITCH}, under the name the services and the UI know it by. */
    public static final String BYPASS_LABEL = ContainerLabels.KILL_SWITCH;
    /** lpm's internal Docker network for isolated services. */
    public static final String ISOLATED_NETWORK = "lpm-isolated";
    /** {@link ContainerLabels#SERVICE}, under the name the services know it by. */
    public static final String SERVICE_LABEL = ContainerLabels.SERVICE;

    public static String blockMessage(ServiceName name) {
        return "SECURITY BLOCK: Service '" + name + "' — Docker containers with exposed ports are BLOCKED when VPN "
                + "is active. Reason: MITM attack risk through VPN tunnel manipulation.";
    }

    /** Decides for a registered service; the commands in the decision are rendered ({port} replaced). */
    public Decision decide(ServiceSpec spec, VpnStatus vpn, boolean killSwitchEnabled) {
        if (spec.isAlias()) {
            return new Decision.Allow(null, java.util.List.of());
        }
        String port = Integer.toString(spec.port());
        return decide(spec.name(), spec.command(), spec.flags(), vpn, killSwitchEnabled)
                .mapCommands(c -> c.replace(ServiceSpec.PORT_PLACEHOLDER, port));
    }

    /** Decides for a command template; the commands in the decision keep their {@code {port}} placeholders. */
    public Decision decide(ServiceName name, String command, ServiceFlags flags, VpnStatus vpn,
                           boolean killSwitchEnabled) {
        ContainerCliLine line;
        try {
            line = ContainerCliLine.parse(command);
        } catch (ShellSyntaxException e) {
            return new Decision.Refuse("the command is not valid sh: " + e.getMessage());
        }
        if (!line.refusals().isEmpty()) {
            return new Decision.Refuse(String.join("; ", line.refusals()));
        }
        if (flags != null && flags.isolated()) {
            return isolated(name, command, line);
        }
        if (!line.isContainerRun()) {
            return new Decision.Allow(command, line.notes());
        }
        boolean bypass = flags != null && flags.killSwitchBypass();
        if (vpn.active() && killSwitchEnabled && !bypass && line.publishesPorts()) {
            return new Decision.Block(blockMessage(name));
        }
        // A bypassed service's containers carry the label the container guard and the API guard honour.
        // Every container of a service is labelled with it, so lpm finds what outlived a stopped client; a
        // bypassed service's containers also carry the label the container guard and the API guard honour.
        LoopbackRewrite rewrite = line.rewriteForLoopback(bypass
                ? new java.util.TreeMap<>(Map.of(BYPASS_LABEL, ContainerLabels.BYPASS, SERVICE_LABEL, name.value()))
                : Map.of(SERVICE_LABEL, name.value()));
        return rewrite.changed()
                ? new Decision.Rewrite(command, rewrite.command(), rewrite.changes(), rewrite.notes())
                : new Decision.Allow(command, rewrite.notes());
    }

    /**
     * What a new registration is refused for on top of {@link #decide}: a container publication with a fixed
     * host port in a command that never names lpm's port ({@link ContainerCliLine#fixedHostPortProblem}).
     * Asked at registration only, so services registered before this rule still start. {@code port} is the
     * port the user chose, else null.
     */
    public java.util.Optional<Decision.Refuse> refuseAtRegistration(String command, ServiceFlags flags, Integer port) {
        if (command == null || (flags != null && flags.isolated())) {
            return java.util.Optional.empty(); // an alias runs nothing; isolated has its own -p {port} rule
        }
        try {
            return ContainerCliLine.parse(command).fixedHostPortProblem(port).map(Decision.Refuse::new);
        } catch (ShellSyntaxException e) {
            return java.util.Optional.empty(); // decide refuses it, with the shell's reason
        }
    }

    /**
     * Whether the command runs a container CLI at all (docker run, compose, any other subcommand). Such a
     * service's port is held by the engine's proxy or lpm's forwarder, not by the service, and the
     * container audit judges where its containers publish; a command that is not valid sh counts too,
     * since lpm refuses to run it.
     */
    public boolean runsContainers(String command) {
        try {
            return !ContainerCliLine.parse(command).isNotContainerCli();
        } catch (ShellSyntaxException e) {
            return true;
        }
    }

    /** Isolated: published nowhere, so it runs VPN or not; only its shape can refuse it. */
    private static Decision isolated(ServiceName name, String command, ContainerCliLine line) {
        if (!line.isContainerRun()) {
            return new Decision.Refuse("--isolated applies to a `docker run` command (lpm runs the container on its "
                    + "internal network); '" + name + "' runs no docker run");
        }
        try {
            IsolatedRewrite rewrite = line.rewriteForIsolation(ISOLATED_NETWORK, isolatedContainerName(name),
                    SERVICE_LABEL, name.value());
            return new Decision.Rewrite(command, rewrite.command(), rewrite.changes(), rewrite.notes(),
                    new Decision.IsolatedTarget(rewrite.containerName(), Integer.parseInt(rewrite.containerPort())));
        } catch (ContainerCliRefusedException e) {
            return new Decision.Refuse(String.join("; ", e.reasons()));
        }
    }

    /** The container name an isolated service gets unless its command names one. */
    public static String isolatedContainerName(ServiceName name) {
        return "lpm-" + name.value();
    }
}
