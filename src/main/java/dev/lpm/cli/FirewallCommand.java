package dev.lpm.cli;

import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.audit.EngineInspectSource;
import dev.lpm.audit.firewall.DockerUserRules;
import dev.lpm.audit.firewall.FilteredPort;
import dev.lpm.audit.firewall.FirewallApplier;
import dev.lpm.audit.firewall.FirewallPlan;
import dev.lpm.audit.firewall.KillSwitchRules;
import dev.lpm.docker.engine.DockerEngineException;
import dev.lpm.docker.engine.DockerGateway;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lpm firewall}: prints firewall rules that work with Docker; applies them only with --apply as root. */
@Command(name = "firewall", description = {
        "Print firewall rules that keep Docker-published ports to this machine: in Docker's DOCKER-USER chain,"
                + " matching the original destination port with conntrack, because rules in INPUT (and UFW) never"
                + " see Docker's DNAT'ed traffic.",
        "Without --port, the ports published on non-loopback addresses by running containers are used; with none,"
                + " every published port is covered. Nothing is changed unless --apply is given (as root)."})
public final class FirewallCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final class Backend {
        @Option(names = "--iptables", description = "iptables commands (the default)")
        boolean iptables;

        @Option(names = "--nft", description = "nft commands for the ip filter table Docker uses through iptables-nft")
        boolean nft;
    }

    @ArgGroup(exclusive = true)
    Backend backend = new Backend();

    @Option(names = "--port", paramLabel = "PORT[/PROTO]", description = "a published host port to protect (repeatable)")
    List<String> ports = new ArrayList<>();

    @Option(names = "--kill-switch", description = "also print the system-level VPN kill switch (iptables): only"
            + " loopback and the tunnel; everything else is dropped")
    boolean killSwitch;

    @Option(names = "--tunnel", paramLabel = "IFACE", defaultValue = "tun0", description = "the VPN's tunnel interface (default: ${DEFAULT-VALUE})")
    String tunnel;

    @Option(names = "--vpn-endpoint", paramLabel = "ADDR:PORT[/udp]", description = "the VPN server, allowed outside the tunnel (repeatable)")
    List<String> endpoints = new ArrayList<>();

    @Option(names = "--apply", description = "apply the rules now (needs root)")
    boolean apply;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<FilteredPort> published;
        try {
            published = ports.isEmpty() ? publishedByContainers() : ports.stream().map(FilteredPort::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        List<FirewallPlan> plans = new ArrayList<>();
        plans.add(backend.nft ? DockerUserRules.nft(published) : DockerUserRules.iptables(published));
        if (killSwitch) {
            try {
                plans.add(KillSwitchRules.iptables(tunnel, endpoints));
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        }
        plans.forEach(plan -> out.print(plan.script()));
        if (apply) {
            if (!isRoot()) {
                throw new CliException("--apply changes the firewall and needs root: run it with sudo, or pipe the"
                        + " printed script to sudo sh");
            }
            try {
                plans.forEach(plan -> new FirewallApplier(List.of()).apply(plan));
            } catch (IllegalStateException e) {
                throw new CliException(e.getMessage());
            }
            spec.commandLine().getErr().println("lpm: firewall rules applied");
        }
        out.flush();
        return 0;
    }

    /** Host ports published on non-loopback addresses by the running containers; none when Docker is absent. */
    private List<FilteredPort> publishedByContainers() {
        try (DockerGateway engine = Instance.engine()) {
            List<FilteredPort> result = new ArrayList<>();
            for (ContainerSnapshot c : new EngineInspectSource(engine).running()) {
                for (var p : c.container().ports()) {
                    if (!p.onLoopback() && p.hostPort().matches("\\d+")) {
                        result.add(new FilteredPort(Integer.parseInt(p.hostPort()), p.protocol()));
                    }
                }
            }
            return result.stream().distinct().toList();
        } catch (DockerEngineException e) {
            spec.commandLine().getErr().println("lpm: cannot list containers (" + e.getMessage()
                    + "); printing rules for every published port");
            return List.of();
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (Exception e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
