package dev.lpm.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The one decoder of {@code /proc/net/tcp} and {@code /proc/net/tcp6} text (Linux's table of TCP
 * sockets), pure: the callers read the files. Used by the port-owner lookup and the engine audit.
 */
public final class ProcNetTcp {

    private static final String LISTEN = "0A";
    private static final String LISTEN_FIELD = " 0A ";
    private static final String LISTEN_FIELD_LOWERCASE = " 0a ";

    /** One LISTEN line: {@code address} is {@code 127.0.0.1:1355} or {@code [::1]:1355}. */
    public record ListeningSocket(String address, int port, long inode) {

        /** The address without the port (and without IPv6 brackets): {@code 127.0.0.1}, {@code ::1}, {@code ::}. */
        public String host() {
            String host = address.substring(0, address.lastIndexOf(':'));
            return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        }
    }

    private ProcNetTcp() {}

    /**
     * The listening sockets in the text of {@code /proc/net/tcp} ({@code ipv6} false) or
     * {@code /proc/net/tcp6} ({@code ipv6} true). The kernel prints each 32-bit word of an address as
     * the number it is in memory, so {@code byteOrder} is the byte order of the machine that wrote it.
     * Lines that do not parse are skipped.
     */
    public static List<ListeningSocket> listening(String text, boolean ipv6, ByteOrder byteOrder) {
        List<ListeningSocket> result = new ArrayList<>();
        for (String line : text.split("\n")) {
            // Most lines are connections: skip them before splitting (the state is the one two-digit field).
            if (!line.contains(LISTEN_FIELD) && !line.contains(LISTEN_FIELD_LOWERCASE)) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
            if (f.length < 10 || !f[0].endsWith(":") || !f[3].equalsIgnoreCase(LISTEN)) {
                continue;
            }
            int colon = f[1].indexOf(':');
            if (colon < 0) {
                continue;
            }
            try {
                String address = address(f[1].substring(0, colon), ipv6, byteOrder);
                int port = Integer.parseInt(f[1].substring(colon + 1), 16);
                long inode = Long.parseLong(f[9]);
                boolean bracketed = address.contains(":");
                result.add(new ListeningSocket(bracketed ? "[" + address + "]:" + port : address + ":" + port, port, inode));
            } catch (IllegalArgumentException e) {
                // a line this parser does not understand says nothing about the port
            }
        }
        return result;
    }

    private static String address(String hex, boolean ipv6, ByteOrder byteOrder) {
        int words = ipv6 ? 4 : 1;
        if (hex.length() != words * 8) {
            throw new IllegalArgumentException("address " + hex);
        }
        ByteBuffer bytes = ByteBuffer.allocate(words * 4).order(byteOrder);
        for (int i = 0; i < words; i++) {
            bytes.putInt((int) Long.parseLong(hex.substring(i * 8, i * 8 + 8), 16));
        }
        byte[] b = bytes.array();
        if (!ipv6) {
            return ipv4Text(b, 0);
        }
        // An IPv4 socket opened as IPv6 (Java does this): ::ffff:127.0.0.1 is 127.0.0.1 to a user.
        boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
        for (int i = 0; i < 10 && mapped; i++) {
            mapped = b[i] == 0;
        }
        return mapped ? ipv4Text(b, 12) : ipv6Text(b);
    }

    private static String ipv4Text(byte[] b, int at) {
        return (b[at] & 0xff) + "." + (b[at + 1] & 0xff) + "." + (b[at + 2] & 0xff) + "." + (b[at + 3] & 0xff);
    }

    /** RFC 5952 text: lowercase, leading zeros dropped, the longest run of two or more zero groups as {@code ::}. */
    static String ipv6Text(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(j, i + 1);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
