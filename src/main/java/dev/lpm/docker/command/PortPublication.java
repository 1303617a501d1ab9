package dev.lpm.docker.command;

import dev.lpm.core.LoopbackAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One {@code -p} value, split the way docker splits it ({@code [IP:][HOSTPORT:]CONTAINERPORT[/PROTO]};
 * with more than two colons everything before the last two is the address, so {@code ::1:8080:80} and
 * {@code [::1]:8080:80} both bind ::1).
 *
 * @param hostAddress   the address as written (brackets kept), or "" when none was given (docker then binds
 *                      every interface: 0.0.0.0 and ::)
 * @param hostPort      the host port or range as written, "" for a random port
 * @param containerPort the container port or range, with its {@code /proto} suffix if any
 */
public record PortPublication(String hostAddress, String hostPort, String containerPort) {

    private static final Pattern FIXED_PORT = Pattern.compile("[0-9]+(-[0-9]+)?");

    public static PortPublication parse(String value) {
        if (value.contains("=")) {
            return parseLongForm(value);
        }
        String[] parts = value.split(":", -1);
        int n = parts.length;
        String container = parts[n - 1];
        if (container.isEmpty()) {
            throw new IllegalArgumentException("no container port in -p " + value);
        }
        return switch (n) {
            case 1 -> new PortPublication("", "", container);
            case 2 -> new PortPublication("", parts[0], container);
            default -> new PortPublication(String.join(":", Arrays.copyOf(parts, n - 2)), parts[n - 2], container);
        };
    }

    /**
     * docker run's long form, {@code published=8080,target=80[,protocol=udp]}: docker turns it into
     * {@code 8080:80/tcp} (keys as written, others ignored, no address: every interface), and so does lpm.
     */
    private static PortPublication parseLongForm(String value) {
        Map<String, String> fields = new HashMap<>();
        fields.put("protocol", "tcp");
        for (String field : value.split(",", -1)) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("invalid publish option `" + value + "`: each field must be"
                        + " name=value, got '" + field + "'");
            }
            fields.put(field.substring(0, eq), field.substring(eq + 1));
        }
        String target = fields.getOrDefault("target", "");
        if (target.isEmpty()) {
            throw new IllegalArgumentException("no container port (target=) in --publish " + value);
        }
        return new PortPublication("", fields.getOrDefault("published", ""), target + "/" + fields.get("protocol"));
    }

    /** A host port written as a number or range, not {@code {port}}, {@code $PORT} or left to docker. */
    public boolean hasFixedHostPort() {
        return FIXED_PORT.matcher(hostPort).matches();
    }

    /** The same publication with lpm's port as its host port. */
    public PortPublication onLpmPort() {
        return new PortPublication(hostAddress, "{port}", containerPort);
    }

    /** The address without IPv6 brackets. */
    public String address() {
        return hostAddress.startsWith("[") && hostAddress.endsWith("]")
                ? hostAddress.substring(1, hostAddress.length() - 1) : hostAddress;
    }

    /** Bound to a loopback address (127.0.0.0/8 or ::1), written the way the engine parses it. */
    public boolean isLoopback() {
        // Canonical only: a rewritten command must hold an address the engine parses as written.
        return LoopbackAddress.isCanonical(address());
    }

    private boolean isIpv6() {
        return address().contains(":");
    }

    /** The same publication bound to 127.0.0.1, or [::1] when it was an IPv6 address; unchanged if loopback. */
    public PortPublication onLoopback() {
        if (isLoopback()) {
            return this;
        }
        return new PortPublication(isIpv6() ? "[::1]" : "127.0.0.1", hostPort, containerPort);
    }

    /** Back to docker's syntax; a loopback publication always names its host-port field, even when empty. */
    public String toSpec() {
        if (hostAddress.isEmpty()) {
            return hostPort.isEmpty() ? containerPort : hostPort + ":" + containerPort;
        }
        return hostAddress + ":" + hostPort + ":" + containerPort;
    }

    /** How a person would read it: "0.0.0.0:8080->80" for the default address. */
    public String describe() {
        String address = hostAddress.isEmpty() ? "0.0.0.0 and [::]" : hostAddress;
        return address + ":" + (hostPort.isEmpty() ? "(random)" : hostPort) + "->" + containerPort;
    }
}
