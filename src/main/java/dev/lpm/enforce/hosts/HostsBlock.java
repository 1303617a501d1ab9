package dev.lpm.enforce.hosts;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The lines lpm manages in a hosts file: one {@code 127.0.0.1 NAME.localhost} and one
 * {@code ::1 NAME.localhost} per service, between {@link #BEGIN} and {@link #END}. Pure text in, text
 * out: every byte outside the block is kept as it was, line endings included.
 */
public final class HostsBlock {

    public static final String BEGIN = "# BEGIN lpm managed";
    public static final String END = "# END lpm managed";

    /**
     * A service name as a DNS label. The root helper cannot use lpm's core ({@code ServiceName}), so the rule is
     * written here again for what it writes into the hosts file; a name that passes is one word of a-z, 0-9, '-'.
     */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private HostsBlock() {}

    public static boolean isServiceLabel(String name) {
        return name != null && LABEL.matcher(name).matches();
    }

    /** {@code content} with the block for {@code names} in place of the old one (or appended); no names: no block. */
    public static String withNames(String content, List<String> names) {
        if (names.isEmpty()) {
            return withoutBlock(content);
        }
        for (String name : names) {
            if (!isServiceLabel(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a service name; the hosts file was not changed");
            }
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
