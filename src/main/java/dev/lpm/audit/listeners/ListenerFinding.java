package dev.lpm.audit.listeners;

import dev.lpm.core.Finding;
import dev.lpm.core.PortExposure;
import dev.lpm.core.Severity;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The audit's finding about a service that listens beyond loopback: other machines reach its port
 * directly, past lpm's loopback proxy. Pure: what was read about the port and the VPN verdict are
 * passed in. Medium; high while a VPN is up, when the VPN's network reaches the port too (high fails
 * {@code lpm audit}). Not critical: unlike a port Docker publishes, a native server's port is still
 * behind the host's own firewall.
 */
public final class ListenerFinding {

    public static final String ID = "service-listens-beyond-loopback";
    /** CWE-1327: Binding to an Unrestricted IP Address. */
    static final String REFERENCE = "CWE-1327";

    private ListenerFinding() {}

    /**
     * The finding for service {@code name} (registered {@code command}, port {@code port}) when
     * {@code exposure} reaches beyond loopback; empty when it does not or is not known (always for an
     * alias, which has no command: lpm reads only the services it runs).
     */
    public static Optional<Finding> check(String name, String command, int port, PortExposure exposure,
                                          boolean vpnActive) {
        if (exposure == null || !exposure.beyondLoopback()) {
            return Optional.empty();
        }
        ServerBindFixes.Fix fix = ServerBindFixes.forCommand(command);
        return Optional.of(new Finding(ID, REFERENCE, vpnActive ? Severity.HIGH : Severity.MEDIUM,
                Finding.service(name),
                seen(exposure, port) + (vpnActive ? " while a VPN is up" : ""),
                "It is reachable from other machines unless lpm's port firewall is on: anyone on the networks it"
                        + " listens on" + (vpnActive ? ", the VPN's included," : "") + " can connect to port " + port
                        + " directly, past lpm's loopback-only proxy.",
                fix.server() + ": " + fix.fix() + "; " + fix.thenInLpm(name, port) + ". Bound to loopback, the port"
                        + " stays closed to other machines whether lpm's port firewall (which closes lpm's ports to"
                        + " other interfaces) is on or not."));
    }

    /** {@code listens on 0.0.0.0:4000 (every interface)}, {@code listens on 192.168.1.5:4000}. */
    private static String seen(PortExposure exposure, int port) {
        String where = exposure.beyondLoopbackAddresses().stream()
                .map(address -> (address.contains(":") ? "[" + address + "]" : address) + ":" + port)
                .collect(Collectors.joining(", "));
        return "listens on " + where
                + (exposure.reach() == PortExposure.Reach.ALL_INTERFACES ? " (every interface)" : "");
    }
}
