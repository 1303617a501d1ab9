package dev.lpm.vpn;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads recorded Windows {@code route print} output: the IPv4 active routes, whose interface column is
 * the interface's address. The interface list is skipped: it gives neither state nor addresses, so a
 * TAP listed there says nothing about a tunnel. Pair it with {@code ipconfig /all} of the same machine
 * ({@link Evidence#merge}) to turn addresses into names.
 */
final class RoutePrintParser {

    private static final Pattern INTERFACE = Pattern.compile(
            "^\\s*(0x[0-9a-fA-F]+|\\d+)\\s*\\.{3}(?:(?:[0-9a-fA-F]{2} ){5}[0-9a-fA-F]{2} )?\\.*\\s*(.+?)\\s*$");

    private RoutePrintParser() {}

    static RecordedOutput evidence(String text) {
        int listedInterfaces = 0;
        List<RouteEntry> routes = new ArrayList<>();
        String section = "";
        for (String raw : text.lines().toList()) {
            String line = raw.stripTrailing();
            String s = line.strip();
            if (s.equals("Interface List") || s.equals("Active Routes:") || s.equals("Persistent Routes:")
                    || s.equals("IPv6 Route Table")) {
                section = s.equals("Active Routes:") && section.equals("ipv6") ? "ipv6" : s;
                if (s.equals("IPv6 Route Table")) {
                    section = "ipv6";
                }
                continue;
            }
            if (s.startsWith("=====")) {
                if (section.equals("Interface List")) {
                    section = listedInterfaces == 0 ? section : "";
                }
                continue;
            }
            if (section.equals("Interface List")) {
                if (INTERFACE.matcher(line).matches()) {
                    listedInterfaces++;
                }
            } else if (section.equals("Active Routes:")) {
                String[] t = s.split("\\s+");
                if (t.length == 5 && Addresses.isIpLiteral(t[0]) && Addresses.isIpLiteral(t[1])) {
                    String gateway = t[2].equalsIgnoreCase("On-link") ? null : t[2];
                    routes.add(new RouteEntry(t[0] + "/" + maskLength(t[1]), gateway, t[3], RouteEntry.MAIN,
                            Long.parseLong(t[4]), false, Addresses.isIpLiteral(t[3])));
                }
            }
        }
        return new RecordedOutput(List.of(), routes);
    }

    /** "255.255.128.0" -> 17. */
    private static int maskLength(String netmask) {
        return Addresses.parse(netmask).map(b -> {
            int n = 0;
            for (byte x : b) {
                n += Integer.bitCount(x & 0xff);
            }
            return n;
        }).orElseThrow(() -> new IllegalArgumentException("not a netmask: " + netmask));
    }
}
