package dev.lpm.core;

/**
 * The one answer to "is this host address loopback", decided from the text alone: no DNS, no
 * {@code InetAddress}, so the guard, the command rewrite, the kill switch and the audit cannot disagree.
 *
 * <p>Loopback is 127.0.0.0/8 and ::1, also written as an IPv4-mapped IPv6 address ({@code ::ffff:127.0.0.1}).
 * The {@link Form} says whether it is written the way the Docker engine writes and parses it
 * ({@link Form#CANONICAL}: dotted quad in decimal without leading zeros, or {@code ::1}) or in another
 * form that still denotes loopback ({@link Form#NON_CANONICAL}: brackets, a zone, surrounding blanks,
 * IPv4-mapped, spelled-out IPv6, inet_aton short forms like {@code 127.1}). Callers that write an
 * address for the engine keep only canonical ones; callers that judge what the engine reports accept both.
 *
 * <p>Names are not addresses: {@code localhost} is not loopback by this rule, whatever it resolves to.
 * Octal- or hex-looking numbers ({@code 0127.0.0.1}, {@code 0x7f.1}) read differently in different
 * parsers, so they are not loopback either: the callers then fail closed.
 */
public final class LoopbackAddress {

    /** How a text denotes a loopback address, if it does. */
    public enum Form { CANONICAL, NON_CANONICAL, NOT_LOOPBACK }

    private static final String IPV4_LOOPBACK = "127.0.0.1";
    private static final String IPV6_LOOPBACK = "::1";

    private LoopbackAddress() {}

    /** Whether {@code text} denotes a loopback address, in any form. */
    public static boolean isLoopback(String text) {
        return classify(text) != Form.NOT_LOOPBACK;
    }

    /** Whether {@code text} is a loopback address written as the engine writes it. */
    public static boolean isCanonical(String text) {
        return classify(text) == Form.CANONICAL;
    }

    /**
     * {@code text} when it is a canonical loopback address, else the canonical loopback of its family:
     * {@code ::1} for an IPv6 address (not IPv4-mapped), {@code 127.0.0.1} for anything else.
     */
    public static String canonicalOrLoopbackOfFamily(String text) {
        if (isCanonical(text)) {
            return text;
        }
        byte[] v6 = text == null ? null : ipv6(unwrap(text.strip()));
        return v6 != null && !isMapped(v6) ? IPV6_LOOPBACK : IPV4_LOOPBACK;
    }

    public static Form classify(String text) {
        if (text == null) {
            return Form.NOT_LOOPBACK;
        }
        String t = text.strip();
        boolean canonical = t.equals(text);
        String inner = unwrap(t);
        canonical &= inner.equals(t);
        if (inner.isEmpty()) {
            return Form.NOT_LOOPBACK;
        }
        boolean loopback;
        if (inner.indexOf(':') >= 0) {
            byte[] b = ipv6(inner);
            loopback = b != null && (isV6Loopback(b) || isMapped(b) && b[12] == 127);
            canonical &= inner.equals(IPV6_LOOPBACK);
        } else {
            if (t.startsWith("[")) {
                return Form.NOT_LOOPBACK; // brackets are for IPv6 only
            }
            long[] parts = ipv4Parts(inner);
            loopback = parts != null && topByte(parts) == 127;
            canonical &= parts != null && parts.length == 4;
        }
        if (!loopback) {
            return Form.NOT_LOOPBACK;
        }
        return canonical ? Form.CANONICAL : Form.NON_CANONICAL;
    }

    /** Without IPv6 brackets and zone: {@code [::1%lo]} and {@code ::1%lo} are {@code ::1}. */
    private static String unwrap(String t) {
        String s = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
        int zone = s.indexOf('%');
        return zone >= 0 && s.indexOf(':') >= 0 ? s.substring(0, zone) : s;
    }

    /** Decimal parts of an inet_aton address (1 to 4 parts, each in range); null when not one. */
    private static long[] ipv4Parts(String s) {
        String[] words = s.split("\\.", -1);
        if (words.length > 4) {
            return null;
        }
        long[] parts = new long[words.length];
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.isEmpty() || w.length() > 10 || !w.chars().allMatch(c -> c >= '0' && c <= '9')
                    || w.length() > 1 && w.charAt(0) == '0') {
                return null;
            }
            parts[i] = Long.parseLong(w);
            // every part but the last is one byte; the last fills the bytes left
            long max = i < words.length - 1 ? 255 : (1L << (8 * (4 - i))) - 1;
            if (parts[i] > max) {
                return null;
            }
        }
        return parts;
    }

    private static long topByte(long[] parts) {
        return parts.length > 1 ? parts[0] : parts[0] >>> 24;
    }

    /** The 16 bytes of an IPv6 literal (hex groups, one "::", optional trailing dotted quad); null if not one. */
    private static byte[] ipv6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        int[] front = groups(head);
        int[] back = groups(tail);
        if (front == null || back == null) {
            return null;
        }
        int total = front.length + back.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] b = new byte[16];
        for (int i = 0; i < front.length; i++) {
            b[2 * i] = (byte) (front[i] >> 8);
            b[2 * i + 1] = (byte) front[i];
        }
        for (int i = 0; i < back.length; i++) {
            int at = 8 - back.length + i;
            b[2 * at] = (byte) (back[i] >> 8);
            b[2 * at + 1] = (byte) back[i];
        }
        return b;
    }

    /** Colon-separated hex groups, the last of which may be a dotted quad (two groups); null if malformed. */
    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] words = s.split(":", -1);
        int last = words.length - 1;
        boolean quad = words[last].indexOf('.') >= 0;
        int[] out = new int[words.length + (quad ? 1 : 0)];
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (i == last && quad) {
                long[] p = ipv4Parts(w);
                if (p == null || p.length != 4) {
                    return null;
                }
                out[i] = (int) (p[0] << 8 | p[1]);
                out[i + 1] = (int) (p[2] << 8 | p[3]);
            } else if (w.isEmpty() || w.length() > 4 || !w.chars().allMatch(LoopbackAddress::isHexDigit)) {
                return null;
            } else {
                out[i] = Integer.parseInt(w, 16);
            }
        }
        return out;
    }

    private static boolean isHexDigit(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isV6Loopback(byte[] b) {
        for (int i = 0; i < 15; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[15] == 1;
    }

    /** {@code ::ffff:a.b.c.d}: an IPv4 address in IPv6 clothing. */
    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }
}
