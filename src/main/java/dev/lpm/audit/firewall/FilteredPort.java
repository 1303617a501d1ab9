package dev.lpm.audit.firewall;

import java.util.Locale;

/** A host port the DOCKER-USER rules filter (as Docker publishes it, before DNAT), e.g. 8080/tcp. */
public record FilteredPort(int port, String protocol) implements Comparable<FilteredPort> {

    public FilteredPort {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
        protocol = protocol == null ? "tcp" : protocol.toLowerCase(Locale.ROOT);
        if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
            throw new IllegalArgumentException("protocol must be tcp, udp or sctp: " + protocol);
        }
    }

    /** "8080", "8080/tcp" or "5353/udp". */
    public static FilteredPort parse(String text) {
        String[] parts = text.trim().split("/", 2);
        try {
            return new FilteredPort(Integer.parseInt(parts[0]), parts.length > 1 ? parts[1] : "tcp");
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port: '" + text + "' (use PORT or PORT/udp)");
        }
    }

    @Override
    public int compareTo(FilteredPort o) {
        return port != o.port ? Integer.compare(port, o.port) : protocol.compareTo(o.protocol);
    }

    @Override
    public String toString() {
        return port + "/" + protocol;
    }
}
