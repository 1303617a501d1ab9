package dev.lpm.vpn;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads recorded Windows {@code ipconfig /all} output (XP to 11, with or without indentation). The
 * adapter's connection name becomes the name, "Description" the description; an adapter is up unless
 * its "Media State" is "Media disconnected".
 */
final class IpconfigParser {

    private static final Pattern ADAPTER = Pattern.compile("^\\s*\\S.* adapter (.+):\\s*$");
    private static final Pattern FIELD = Pattern.compile("^\\s*([A-Za-z][^.:]*?)[\\s.]*:\\s*(.*)$");

    private IpconfigParser() {}

    static RecordedOutput evidence(String text) {
        List<InterfaceEvidence> interfaces = new ArrayList<>();
        String name = null;
        String description = "";
        boolean up = true;
        List<String> addresses = new ArrayList<>();
        for (String line : text.lines().toList()) {
            Matcher adapter = ADAPTER.matcher(line);
            Matcher field = FIELD.matcher(line);
            if (adapter.matches()) {
                if (name != null) {
                    interfaces.add(new InterfaceEvidence(name, description, up, false, addresses));
                }
                name = adapter.group(1).strip();
                description = "";
                up = true;
                addresses = new ArrayList<>();
            } else if (name != null && field.matches()) {
                String key = field.group(1).strip();
                String value = field.group(2).strip();
                switch (key) {
                    case "Description" -> description = value;
                    case "Media State" -> up = !value.equalsIgnoreCase("Media disconnected");
                    case "IP Address", "IPv4 Address", "IPv6 Address", "Temporary IPv6 Address",
                         "Link-local IPv6 Address", "Autoconfiguration IPv4 Address" -> {
                        if (!value.isEmpty()) {
                            addresses.add(Addresses.clean(value));
                        }
                    }
                    default -> { }
                }
            }
        }
        if (name != null) {
            interfaces.add(new InterfaceEvidence(name, description, up, false, addresses));
        }
        return new RecordedOutput(interfaces, List.of());
    }
}
