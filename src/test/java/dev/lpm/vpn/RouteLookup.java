package dev.lpm.vpn;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the public route in recorded routing tables, for outputs where no kernel can be asked. The live
 * detector does not use this: it lets the kernel choose ({@link UdpRouteProbe}), which also follows
 * {@code ip rule}. Recorded tables come without their rules, so a default route in a table other than
 * main is taken to be used by a policy rule, as wg-quick sets up (table 51820).
 */
final class RouteLookup {

    private static final List<String> NOT_POLICY_TABLES = List.of(RouteEntry.MAIN, "local", "default");

    private RouteLookup() {}

    static PublicRoute publicRoute(List<RouteEntry> routes, List<InterfaceEvidence> interfaces) {
        byte[] probe = Addresses.parse(UdpRouteProbe.PROBE).orElseThrow();
        List<RouteEntry> covering = routes.stream()
                .filter(r -> r.usable() && !r.scoped() && !r.table().equals("local"))
                .filter(r -> covers(r.destination(), probe))
                .toList();
        Comparator<RouteEntry> best = Comparator.comparingInt((RouteEntry r) -> -prefixLength(r.destination()))
                .thenComparingLong(RouteEntry::metric);
        Optional<RouteEntry> policy = covering.stream().filter(r -> !NOT_POLICY_TABLES.contains(r.table())).min(best);
        Optional<RouteEntry> chosen = policy.or(() -> covering.stream()
                .filter(r -> r.table().equals(RouteEntry.MAIN)).min(best));
        return chosen.map(r -> toPublicRoute(r, interfaces)).orElse(null);
    }

    private static PublicRoute toPublicRoute(RouteEntry r, List<InterfaceEvidence> interfaces) {
        String name = r.interfaceName();
        String source = null;
        if (Addresses.isIpLiteral(name)) { // route print names the interface by its address
            source = name;
            String address = name;
            name = interfaces.stream().filter(i -> i.addresses().contains(address)).map(InterfaceEvidence::name)
                    .findFirst().orElse(address);
        }
        String via = (r.isDefault() ? "default route" : r.destination())
                + (RouteEntry.MAIN.equals(r.table()) ? "" : " in table " + r.table());
        return new PublicRoute(name, source, via, r.isHalfDefault());
    }

    private static boolean covers(String cidr, byte[] probe) {
        Optional<byte[]> net = Addresses.parse(cidr);
        return net.isPresent() && net.get().length == probe.length
                && Addresses.prefixMatches(probe, net.get(), prefixLength(cidr));
    }

    private static int prefixLength(String cidr) {
        int slash = cidr.indexOf('/');
        return slash < 0 ? (cidr.contains(":") ? 128 : 32) : Integer.parseInt(cidr.substring(slash + 1));
    }
}
