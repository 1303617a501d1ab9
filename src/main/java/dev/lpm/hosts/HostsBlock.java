package dev.lpm.hosts;

import java.util.List;

/**
 * The lines lpm manages in a hosts file: one {@code 127.0.0.1 NAME.localhost} and one
 * {@code ::1 NAME.localhost} per service, between {@link #BEGIN} and {@link #END}. Pure text in, text
 * out: every byte outside the block is kept as it was, line endings included.
 */
public final class HostsBlock {

    public static final String BEGIN = "# BEGIN lpm managed";
    public static final String END = "# END lpm managed";

    private HostsBlock() {}

    /** {@code content} with the block for {@code names} in place of the old one (or appended); no names: no block. */
    public static String withNames(String content, List<String> names) {
        if (names.isEmpty()) {
            return withoutBlock(content);
        }
        String newline = content.contains("\r\n") ? "\r\n" : "\n";
        StringBuilder block = new StringBuilder(BEGIN).append(newline);
        for (String name : names) {
            block.append("127.0.0.1\t").append(name).append(".localhost").append(newline);
            block.append("::1\t").append(name).append(".localhost").append(newline);
        }
        block.append(END).append(newline);
        Span span = find(content);
        if (span != null) {
            return content.substring(0, span.start()) + block + content.substring(span.end());
        }
        boolean needsBreak = !content.isEmpty() && !content.endsWith("\n");
        return content + (needsBreak ? newline : "") + block;
    }

    /** {@code content} without the block (unchanged when there is none). */
    public static String withoutBlock(String content) {
        Span span = find(content);
        return span == null ? content : content.substring(0, span.start()) + content.substring(span.end());
    }

    /** Where the block starts and ends (after END's line break), or null; a BEGIN without END is refused. */
    private static Span find(String content) {
        int begin = -1;
        int lineStart = 0;
        while (lineStart < content.length()) {
            int newline = content.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? content.length() : newline + 1;
            String line = content.substring(lineStart, lineEnd).strip();
            if (begin < 0 && line.equals(BEGIN)) {
                begin = lineStart;
            } else if (begin >= 0 && line.equals(END)) {
                return new Span(begin, lineEnd);
            }
            lineStart = lineEnd;
        }
        if (begin >= 0) {
            throw new IllegalArgumentException("the hosts file has \"" + BEGIN + "\" but no \"" + END
                    + "\" after it; fix it by hand (add the END line or remove the block), then run this again");
        }
        return null;
    }

    private record Span(int start, int end) {}
}
