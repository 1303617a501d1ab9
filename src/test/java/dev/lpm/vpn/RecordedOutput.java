package dev.lpm.vpn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a recorded command output shows (ip addr/route, ifconfig, netstat -rn, ipconfig /all, route
 * print): interfaces and routing-table lines. The live detector asks the kernel for the public route
 * instead ({@link UdpRouteProbe}, which also follows policy rules), so routes live only here: the public
 * route of a recording is looked up in its tables ({@link RouteLookup}).
 */
record RecordedOutput(List<InterfaceEvidence> interfaces, List<RouteEntry> routes) {

    RecordedOutput {
        interfaces = List.copyOf(interfaces);
        routes = List.copyOf(routes);
    }

    /** The evidence the rules judge, as if the probes had seen this machine. */
    Evidence evidence() {
        return new Evidence(interfaces, List.of(), RouteLookup.publicRoute(routes, interfaces));
    }

    /**
     * Combines outputs of the same machine (ifconfig + netstat, ipconfig + route print, ip addr + ip route):
     * an interface seen by both keeps the first one's state and gains the other's addresses.
     */
    RecordedOutput merge(RecordedOutput other) {
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
        List<RouteEntry> allRoutes = new ArrayList<>(routes);
        allRoutes.addAll(other.routes);
        return new RecordedOutput(List.copyOf(byName.values()), allRoutes);
    }
}
