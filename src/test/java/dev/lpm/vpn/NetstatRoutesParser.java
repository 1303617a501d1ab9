package dev.lpm.vpn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads recorded macOS {@code netstat -rn} output. Destinations may be abbreviated ("10.181.10/23",
 * "192.168.1", "127"). Routes with flag I are interface-scoped and not used for ordinary lookups. A host
 * route whose gateway is its own destination (flags UH) is a point-to-point interface's own address,
 * which is how a utun's address shows in this output.
 */
final class NetstatRoutesParser {

    private NetstatRoutesParser() {}

    static RecordedOutput evidence(String text) {
        List<RouteEntry> routes = new ArrayList<>();
        Map<String, List<String>> addresses = new LinkedHashMap<>();
        boolean v6 = false;
        for (String line : text.lines().toList()) {
            String s = line.strip().replace("\uFEFF", "");
            if (s.equals("Internet:")) {
                v6 = false;
                continue;
            }
            if (s.equals("Internet6:")) {
                v6 = true;
                continue;
            }
            String[] t = s.split("\\s+");
            if (t.length < 4 || t[0].equals("Destination") || t[0].equals("Routing")) {
                continue;
            }
            String dest = t[0];
            String gateway = t[1];
            String flags = t[2];
            String netif = t[3];
            String cidr = v6 ? v6Cidr(dest) : v4Cidr(dest);
            if (cidr == null) {
                continue;
            }
            addresses.computeIfAbsent(netif, k -> new ArrayList<>());
            if (!v6 && flags.contains("H") && dest.equals(gateway)) {
                addresses.get(netif).add(dest);
            }
            boolean onLink = gateway.startsWith("link#") || !Addresses.isIpLiteral(gateway);
            routes.add(new RouteEntry(cidr, onLink ? null : Addresses.clean(gateway), netif, RouteEntry.MAIN, 0,
                    flags.contains("I"), flags.contains("U") && !flags.contains("R") && !flags.contains("B")));
        }
        List<InterfaceEvidence> interfaces = addresses.entrySet().stream()
                .map(e -> new InterfaceEvidence(e.getKey(), "", true, false, e.getValue())).toList();
        return new RecordedOutput(interfaces, routes);
    }

    /** "default", "127", "169.254", "10.181.10/23", "10.120.10.1/32" -> CIDR. */
    static String v4Cidr(String dest) {
        if (dest.equals("default")) {
            return "0.0.0.0/0";
        }
        String addr = dest;
        Integer len = null;
        int slash = dest.indexOf('/');
        if (slash >= 0) {
            addr = dest.substring(0, slash);
            len = Integer.parseInt(dest.substring(slash + 1));
        }
        String[] octets = addr.split("\\.");
        if (octets.length > 4 || !addr.matches("[0-9.]+")) {
            return null;
        }
        StringBuilder full = new StringBuilder(addr);
        for (int i = octets.length; i < 4; i++) {
            full.append(".0");
        }
        return full + "/" + (len != null ? len : octets.length * 8);
    }

    private static String v6Cidr(String dest) {
        if (dest.equals("default")) {
            return "::/0";
        }
        String clean = Addresses.clean(dest);
        if (!Addresses.isIpLiteral(clean)) {
            return null;
        }
        int slash = dest.indexOf('/');
        return clean + "/" + (slash >= 0 ? dest.substring(slash + 1) : "128");
    }
}
