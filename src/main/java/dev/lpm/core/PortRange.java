package dev.lpm.core;

import java.util.stream.IntStream;

/** An inclusive range of TCP ports lpm hands out, 4000-4999 by default. */
public record PortRange(int first, int last) {

    public static final PortRange DEFAULT = new PortRange(4000, 4999);

    public PortRange {
        if (first < 1 || last > 65_535 || first > last) {
            throw new IllegalArgumentException("invalid port range " + first + "-" + last
                    + ": use FIRST-LAST with 1 <= FIRST <= LAST <= 65535");
        }
    }

    /** Parses {@code "4000-4999"}. */
    public static PortRange parse(String text) {
        String[] parts = text.trim().split("-", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("invalid port range '" + text + "': use FIRST-LAST, e.g. 4000-4999");
        }
        try {
            return new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port range '" + text + "': use FIRST-LAST, e.g. 4000-4999");
        }
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    public int size() {
        return last - first + 1;
    }

    public IntStream ports() {
        return IntStream.rangeClosed(first, last);
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
