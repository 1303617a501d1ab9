package dev.lpm.vpn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the probes saw at one moment; {@link VpnRules} turns it into a verdict.
 *
 * @param interfaces  all interfaces
 * @param processes   names of all running processes (only the matching ones are kept in the verdict)
 * @param publicRoute where public traffic goes, or null when there is no public route
 * @param routes      routing-table lines for the detail view and for recorded outputs (empty in the live tick)
 */
public record Evidence(List<InterfaceEvidence> interfaces, List<String> processes, PublicRoute publicRoute,
                       List<RouteEntry> routes) {

    public Evidence {
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
        processes = processes == null ? List.of() : List.copyOf(processes);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    /** Evidence from recorded outputs: the public route is looked up in the recorded tables. */
    public static Evidence recorded(List<InterfaceEvidence> interfaces, List<RouteEntry> routes) {
        return new Evidence(interfaces, List.of(), RouteLookup.publicRoute(routes, interfaces), routes);
    }

    /**
     * Combines outputs of the same machine (ifconfig + netstat, ipconfig + route print, ip addr + ip route):
     * an interface seen by both keeps the first one's state and gains the other's addresses.
     */
    public Evidence merge(Evidence other) {
        Map<String, InterfaceEvidence> byName = new LinkedHashMap<>();
        for (InterfaceEvidence i : interfaces) {
            byName.put(i.name(), i);
        }
        for (InterfaceEvidence i : other.interfaces) {
            byName.merge(i.name(), i, (a, b) -> {
                List<String> addresses = new ArrayList<>(a.addresses());
                b.addresses().stream().filter(x -> !addresses.contains(x)).forEach(addresses::add);
                return new InterfaceEvidence(a.name(), a.description().isEmpty() ? b.description() : a.description(),
                        a.up(), a.pointToPoint() || b.pointToPoint(), addresses);
            });
        }
        List<InterfaceEvidence> merged = List.copyOf(byName.values());
        List<RouteEntry> allRoutes = new ArrayList<>(routes);
        allRoutes.addAll(other.routes);
        List<String> allProcesses = new ArrayList<>(processes);
        allProcesses.addAll(other.processes);
        return new Evidence(merged, allProcesses, RouteLookup.publicRoute(allRoutes, merged), allRoutes);
    }
}
