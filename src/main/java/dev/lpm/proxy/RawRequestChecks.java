package dev.lpm.proxy;

import io.netty.buffer.ByteBuf;

/**
 * Checks on the bytes of a request head or chunk-size line, made before Netty's decoder reads them, for
 * what the decoder accepts leniently but lpm refuses: control characters in the request line (Netty takes
 * CR, tab, VT and FF as separators and passes NUL or DEL through in the target), obs-fold (Netty joins a
 * folded line to the header above, so afterwards it cannot be told from a plain value) and chunk-size
 * lines that are not {@code 1*HEXDIG [BWS ";" chunk-ext]} (Netty skips leading whitespace, ignores what
 * follows a space or control byte, and reads a size past 2^32 wrapped around, so "100000000" is the last
 * chunk). Each check is a byte loop over bytes the decoder is about to read anyway, allocates nothing
 * and returns the reason to refuse, or null.
 */
final class RawRequestChecks {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final byte HTAB = '\t';

    private RawRequestChecks() {}

    /**
     * Checks a request head from its first line: the request line (after the control bytes and
     * whitespace the decoder skips before it) and the header lines that have arrived.
     */
    static String requestHead(ByteBuf in) {
        int end = in.writerIndex();
        int start = in.readerIndex();
        while (start < end && skippedBeforeRequestLine(in.getByte(start))) {
            start++;
        }
        int lf = in.indexOf(start, end, LF);
        if (lf < 0) {
            return controlInRequestLine(in, start, end); // checked as it arrives; a CR at the end may precede LF
        }
        String problem = controlInRequestLine(in, start, lf);
        return problem != null ? problem : headerLines(in, lf + 1, false);
    }

    /** Checks header (or trailer) lines from {@code in}'s reader index, which starts a line. */
    static String headerLines(ByteBuf in) {
        return headerLines(in, in.readerIndex(), true);
    }

    /**
     * Looks for obs-fold: a line of the head starting with SP or HTAB. {@code from} starts a line; whether
     * that line itself may be a continuation depends on whether a header came before it.
     */
    private static String headerLines(ByteBuf in, int from, boolean firstMayContinue) {
        int end = in.writerIndex();
        int line = from;
        if (firstMayContinue && line < end && isBlank(in.getByte(line))) {
            return FOLDED;
        }
        while (line < end) {
            int lf = in.indexOf(line, end, LF);
            if (lf < 0 || lf + 1 >= end) {
                return null; // the rest has not arrived yet: checked on a later read
            }
            byte next = in.getByte(lf + 1);
            if (isBlank(next)) {
                return FOLDED;
            }
            if (next == CR || next == LF) {
                return null; // the empty line: the head ends, a body may follow
            }
            line = lf + 1;
        }
        return null;
    }

    private static final String FOLDED = "a header line is folded (obs-fold); send each header on one line";

    /** CR is allowed only right before the line's LF; every other C0 byte and DEL is refused. */
    private static String controlInRequestLine(ByteBuf in, int start, int lf) {
        for (int i = start; i < lf; i++) {
            int b = in.getByte(i) & 0xFF;
            if ((b < 0x20 || b == 0x7F) && !(b == CR && i == lf - 1)) {
                return "the request line contains a control character (0x" + Integer.toHexString(b) + ")";
            }
        }
        return null;
    }

    /**
     * Checks the chunk-size line at {@code in}'s reader index once it has arrived whole: hex digits
     * from the first byte, a size Netty can hold (at most 2^31-1), then the line's end or, after
     * optional blanks, a ';' opening chunk extensions (those the decoder checks itself).
     */
    static String chunkSizeLine(ByteBuf in) {
        int start = in.readerIndex();
        int lf = in.indexOf(start, in.writerIndex(), LF);
        if (lf < 0) {
            return null; // not all here yet
        }
        int end = lf > start && in.getByte(lf - 1) == CR ? lf - 1 : lf; // a bare LF the decoder refuses itself
        long size = 0;
        int i = start;
        for (; i < end; i++) {
            int digit = hexValue(in.getByte(i));
            if (digit < 0) {
                break;
            }
            size = size * 16 + digit;
            if (size > Integer.MAX_VALUE) {
                return "a chunk size is too large";
            }
        }
        if (i == start) {
            return "a chunk size is not a hexadecimal number";
        }
        while (i < end && isBlank(in.getByte(i))) {
            i++;
        }
        if (i < end && in.getByte(i) != ';') {
            return "a chunk size is followed by something that is not a chunk extension";
        }
        if (i == end && isBlank(in.getByte(end - 1))) {
            return "a chunk size is followed by blanks";
        }
        return null;
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /** What the decoder skips before a request line: ISO control bytes and whitespace. */
    private static boolean skippedBeforeRequestLine(byte b) {
        return (b >= 0 && b <= SP) || b == 0x7F;
    }

    private static boolean isBlank(byte b) {
        return b == SP || b == HTAB;
    }
}
