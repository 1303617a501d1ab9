package dev.lpm.vpn;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads recorded {@code ip addr} output. Up means the flags hold UP and LOWER_UP (carrier). */
final class IpAddrParser {

    private static final Pattern HEADER = Pattern.compile("^\\d+:\\s+([^:@\\s]+)(?:@\\S+)?:\\s+<([^>]*)>.*");
    private static final Pattern ADDRESS = Pattern.compile("^\\s+inet6?\\s+(\\S+).*");

    private IpAddrParser() {}

    static RecordedOutput evidence(String text) {
        List<InterfaceEvidence> interfaces = new ArrayList<>();
        String name = null;
        List<String> flags = List.of();
        List<String> addresses = new ArrayList<>();
        for (String line : text.lines().toList()) {
            Matcher h = HEADER.matcher(line);
            Matcher a = ADDRESS.matcher(line);
            if (h.matches()) {
                add(interfaces, name, flags, addresses);
                name = h.group(1);
                flags = List.of(h.group(2).split(","));
                addresses = new ArrayList<>();
            } else if (a.matches() && name != null) {
                addresses.add(Addresses.clean(a.group(1)));
            }
        }
        add(interfaces, name, flags, addresses);
        return new RecordedOutput(interfaces, List.of());
    }

    private static void add(List<InterfaceEvidence> out, String name, List<String> flags, List<String> addresses) {
        if (name != null) {
            boolean up = flags.contains("UP") && flags.contains("LOWER_UP") && !flags.contains("NO-CARRIER");
            out.add(new InterfaceEvidence(name, "", up, flags.contains("POINTOPOINT"), addresses));
        }
    }
}
