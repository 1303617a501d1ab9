package dev.lpm.vpn;

/**
 * One line of a routing table, from {@code ip route}, {@code netstat -rn} or {@code route print}.
 *
 * @param destination   a CIDR ("0.0.0.0/1", "0.0.0.0/0" for default, "::/0")
 * @param gateway       the next hop, or null when the route is on-link / point-to-point
 * @param interfaceName the interface's name, or (route print) its address
 * @param table         the Linux routing table ("main" unless said otherwise)
 * @param metric        lower wins; 0 when not given
 * @param scoped        macOS: an interface-scoped route (flag I), not used for ordinary lookups
 * @param usable        false for linkdown, unreachable, blackhole, prohibit and local/broadcast entries
 */
public record RouteEntry(String destination, String gateway, String interfaceName, String table, long metric,
                         boolean scoped, boolean usable) {

    public static final String MAIN = "main";

    public RouteEntry {
        table = table == null || table.isEmpty() ? MAIN : table;
    }

    public boolean isDefault() {
        return destination.endsWith("/0");
    }

    /** A /1: OpenVPN's def1 (0.0.0.0/1 + 128.0.0.0/1) overrides the default route without replacing it. */
    public boolean isHalfDefault() {
        return destination.endsWith("/1");
    }

    /** As {@code ip route} would print it, for the detail view. */
    public String describe() {
        return destination + (gateway == null ? "" : " via " + gateway) + " dev " + interfaceName
                + (MAIN.equals(table) ? "" : " table " + table) + (metric == 0 ? "" : " metric " + metric);
    }
}
