package dev.lpm.vpn;

import java.util.List;

/**
 * Everything the probes saw at one moment; {@link VpnRules} turns it into a verdict.
 *
 * @param interfaces  all interfaces
 * @param processes   names of all running processes (only the matching ones are kept in the verdict)
 * @param publicRoute where public traffic goes, or null when there is no public route
 */
public record Evidence(List<InterfaceEvidence> interfaces, List<String> processes, PublicRoute publicRoute) {

    public Evidence {
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
        processes = processes == null ? List.of() : List.copyOf(processes);
    }
}
