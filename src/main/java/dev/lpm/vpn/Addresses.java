package dev.lpm.vpn;

import java.net.InetAddress;
import java.util.Optional;

/** IP literals and CIDR ranges, without DNS: every input is a literal. */
final class Addresses {

    private Addresses() {}

    /** "fe80::1%en0" or "10.8.0.2/24" -> the address; empty when it is not an IP literal. */
    static Optional<byte[]> parse(String literal) {
        String s = literal.strip();
        int cut = indexOfAny(s, '%', '/', '(');
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        try {
            return Optional.of(InetAddress.ofLiteral(s).getAddress());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Drops zone, prefix length and Windows' "(Preferred)". */
    static String clean(String literal) {
        String s = literal.strip();
        int cut = indexOfAny(s, '%', '/', '(');
        return cut >= 0 ? s.substring(0, cut) : s;
    }

    static boolean isIpLiteral(String s) {
        return parse(s).isPresent();
    }

    /** Addresses worth naming: not loopback, not link-local (every interface has those). */
    static boolean isUsable(String literal) {
        return parse(literal).map(a -> !(a.length == 4 && (a[0] == 127 || (a[0] & 0xff) == 169 && (a[1] & 0xff) == 254))
                && !(a.length == 16 && (a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0x80)
                && !(a.length == 16 && isAllZeroButLast(a))).orElse(false);
    }

    private static boolean isAllZeroButLast(byte[] a) {
        for (int i = 0; i < 15; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code address} lies in {@code cidr} ("10.0.0.0/8"). Mismatched families never match. */
    static boolean inRange(String address, String cidr) {
        int slash = cidr.indexOf('/');
        Optional<byte[]> a = parse(address);
        Optional<byte[]> net = parse(cidr.substring(0, slash < 0 ? cidr.length() : slash));
        if (a.isEmpty() || net.isEmpty() || a.get().length != net.get().length) {
            return false;
        }
        int bits = slash < 0 ? a.get().length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        return prefixMatches(a.get(), net.get(), bits);
    }

    static boolean prefixMatches(byte[] a, byte[] net, int bits) {
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((a[i / 8] & mask) != (net[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfAny(String s, char... chars) {
        int best = -1;
        for (char c : chars) {
            int i = s.indexOf(c);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }
}
