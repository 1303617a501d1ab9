package dev.lpm.vpn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code ip route} output (also {@code ip route show table all} and {@code column -t}-aligned
 * copies). The live detector uses it for the Linux detail view ({@link LinuxRouteTables}); fixture tests
 * use it on recorded output.
 */
final class IpRouteParser {

    private static final Set<String> TYPES = Set.of("unicast", "local", "broadcast", "multicast", "anycast",
            "unreachable", "blackhole", "prohibit", "throw", "nat");

    private IpRouteParser() {}

    public static List<RouteEntry> parse(String text, String table) {
        List<RouteEntry> routes = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String[] t = line.strip().split("\\s+");
            if (t.length < 2 || t[0].isEmpty()) {
                continue;
            }
            int i = 0;
            String type = "unicast";
            if (TYPES.contains(t[0])) {
                type = t[0];
                i = 1;
            }
            String dest = t[i];
            String gateway = null;
            String dev = null;
            String tbl = table;
            long metric = 0;
            boolean linkdown = false;
            for (int k = i + 1; k < t.length; k++) {
                String next = k + 1 < t.length ? t[k + 1] : null;
                switch (t[k]) {
                    case "via" -> gateway = next;
                    case "dev" -> dev = next;
                    case "table" -> tbl = next;
                    case "metric" -> metric = parseLong(next);
                    case "linkdown" -> linkdown = true;
                    default -> { }
                }
            }
            if (dev == null) {
                continue; // nexthop groups and unreachable routes without a device name nothing
            }
            boolean v6 = dest.contains(":") || (gateway != null && gateway.contains(":"));
            String cidr = "default".equals(dest) ? (v6 ? "::/0" : "0.0.0.0/0")
                    : dest.contains("/") ? dest : dest + (v6 ? "/128" : "/32");
            boolean usable = "unicast".equals(type) && !linkdown;
            routes.add(new RouteEntry(cidr, gateway, dev, tbl, metric, false, usable));
        }
        return routes;
    }

    /**
     * Recorded {@code ip route} alone: interfaces are known only by name, with the addresses that kernel
     * routes name as {@code src}. They are taken as up unless a route says "linkdown"; one that holds a
     * default or /1 route without a gateway is point-to-point (such a route only works on one).
     */
    static RecordedOutput evidence(String text, String table) {
        List<RouteEntry> routes = parse(text, table);
        Map<String, InterfaceEvidence> byName = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            String[] t = line.strip().split("\\s+");
            String dev = valueAfter(t, "dev");
            if (dev == null) {
                continue;
            }
            String src = valueAfter(t, "src");
            boolean linkdown = List.of(t).contains("linkdown");
            InterfaceEvidence old = byName.getOrDefault(dev, new InterfaceEvidence(dev, "", true, false, List.of()));
            List<String> addresses = new ArrayList<>(old.addresses());
            if (src != null && !addresses.contains(src)) {
                addresses.add(src);
            }
            byName.put(dev, new InterfaceEvidence(dev, "", old.up() && !linkdown, old.pointToPoint(), addresses));
        }
        for (RouteEntry r : routes) {
            if ((r.isDefault() || r.isHalfDefault()) && r.gateway() == null) {
                InterfaceEvidence old = byName.get(r.interfaceName());
                byName.put(old.name(), new InterfaceEvidence(old.name(), "", old.up(), true, old.addresses()));
            }
        }
        return new RecordedOutput(List.copyOf(byName.values()), routes);
    }

    private static String valueAfter(String[] tokens, String key) {
        for (int k = 0; k + 1 < tokens.length; k++) {
            if (tokens[k].equals(key)) {
                return tokens[k + 1];
            }
        }
        return null;
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
