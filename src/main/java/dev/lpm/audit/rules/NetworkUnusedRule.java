package dev.lpm.audit.rules;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.ContainerRule;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.audit.NetworkActivity;
import dev.lpm.core.Severity;
import java.time.Duration;
import java.util.Optional;

/**
 * The guide's "turn off what is not needed, such as the network: --network none": a container that publishes
 * nothing and has sent no packet since it started (the engine's stats), after it has run long enough to have.
 */
public final class NetworkUnusedRule extends ContainerRule {

    /** A container younger than this has had no fair chance to use its network: no verdict. */
    public static final Duration MIN_OBSERVED = Duration.ofSeconds(30);

    public NetworkUnusedRule() {
        super("network-unused", Severity.INFO, "guide: --network none",
                "A container that needs no network is still reachable from every other container on its network,"
                        + " and can reach them and the internet if it is ever taken over.",
                "docker run --network none (compose: network_mode: \"none\"), if it really needs no network");
    }

    @Override
    protected Optional<String> evidence(ContainerSnapshot c, AuditContext context) {
        NetworkActivity n = c.network();
        String mode = c.container().networkMode();
        if (n == null || mode.equals("none") || mode.equals("host") || mode.startsWith("container:")
                || !c.container().ports().isEmpty() || c.settings().publishAllPorts()
                || n.observed().compareTo(MIN_OBSERVED) < 0 || n.txPackets() > 0) {
            return Optional.empty();
        }
        return Optional.of("no published ports, and 0 packets sent in " + n.observed().toSeconds() + " s since it"
                + " started (" + n.rxPackets() + " received; docker stats, " + n.interfaces() + " interface"
                + (n.interfaces() == 1 ? "" : "s") + ")");
    }
}
