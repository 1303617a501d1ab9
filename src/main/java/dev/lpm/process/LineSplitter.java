package dev.lpm.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a byte stream into UTF-8 lines. Malformed bytes become U+FFFD (never an exception), a trailing
 * CR is dropped, and a line longer than {@code maxLineBytes} is cut into pieces so that a process
 * printing megabytes without a newline cannot exhaust memory.
 */
final class LineSplitter {

    static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024;

    private final byte[] line;
    private int length;

    LineSplitter(int maxLineBytes) {
        this.line = new byte[maxLineBytes];
    }

    /** Reads {@code in} to its end, handing each line to {@code sink}. */
    void pump(InputStream in, Consumer<String> sink) throws IOException {
        byte[] chunk = new byte[8192];
        int n;
        try {
            while ((n = in.read(chunk)) >= 0) {
                for (int i = 0; i < n; i++) {
                    accept(chunk[i], sink);
                }
            }
        } finally {
            if (length > 0) {
                emit(length, sink);
            }
        }
    }

    private void accept(byte b, Consumer<String> sink) {
        if (b == '\n') {
            emit(length, sink);
            return;
        }
        if (length == line.length) {
            emit(cutPoint(), sink);
        }
        line[length++] = b;
    }

    /** Where to split a full buffer: before the start of a possibly incomplete trailing character. */
    private int cutPoint() {
        int i = length - 1;
        int back = 0;
        while (i > 0 && back < 3 && (line[i] & 0xC0) == 0x80) {
            i--;
            back++;
        }
        int lead = line[i] & 0xFF;
        int expected = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        boolean complete = length - i >= expected;
        return complete || i == 0 ? length : i;
    }

    /** Emits the first {@code count} bytes as a line and keeps the rest for the next one. */
    private void emit(int count, Consumer<String> sink) {
        int end = count;
        if (end > 0 && line[end - 1] == '\r') {
            end--;
        }
        String text = new String(line, 0, end, StandardCharsets.UTF_8); // replaces malformed input
        System.arraycopy(line, count, line, 0, length - count);
        length -= count;
        sink.accept(text);
    }
}
