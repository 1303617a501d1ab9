package dev.lpm.vpn;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads recorded macOS/BSD {@code ifconfig} output. Up means UP and RUNNING and no "status: inactive". */
final class IfconfigParser {

    private static final Pattern HEADER = Pattern.compile("^(\\S+): flags=\\w+<([^>]*)>.*");
    private static final Pattern ADDRESS = Pattern.compile("^\\s+inet6?\\s+(\\S+).*");

    private IfconfigParser() {}

    static RecordedOutput evidence(String text) {
        List<InterfaceEvidence> interfaces = new ArrayList<>();
        String name = null;
        List<String> flags = List.of();
        List<String> addresses = new ArrayList<>();
        boolean inactive = false;
        for (String line : text.lines().toList()) {
            Matcher h = HEADER.matcher(line);
            Matcher a = ADDRESS.matcher(line);
            if (h.matches()) {
                add(interfaces, name, flags, addresses, inactive);
                name = h.group(1);
                flags = List.of(h.group(2).split(","));
                addresses = new ArrayList<>();
                inactive = false;
            } else if (a.matches() && name != null) {
                addresses.add(Addresses.clean(a.group(1)));
            } else if (line.strip().equals("status: inactive")) {
                inactive = true;
            }
        }
        add(interfaces, name, flags, addresses, inactive);
        return new RecordedOutput(interfaces, List.of());
    }

    private static void add(List<InterfaceEvidence> out, String name, List<String> flags, List<String> addresses,
                            boolean inactive) {
        if (name != null) {
            boolean up = flags.contains("UP") && flags.contains("RUNNING") && !inactive;
            out.add(new InterfaceEvidence(name, "", up, flags.contains("POINTOPOINT"), addresses));
        }
    }
}
