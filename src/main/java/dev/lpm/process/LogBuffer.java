package dev.lpm.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last {@code capacity} lines a service printed, kept in memory for tail(). Thread-safe. */
final class LogBuffer {

    private final int capacity;
    private final ArrayDeque<String> lines;
    private long total;

    LogBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
        total++;
    }

    /** The last {@code n} lines (fewer if there are not that many), oldest first. */
    synchronized List<String> tail(int n) {
        int count = Math.max(0, Math.min(n, lines.size()));
        List<String> all = new ArrayList<>(lines);
        return List.copyOf(all.subList(all.size() - count, all.size()));
    }

    /** Lines ever added; lets a caller ask for "what was printed since mark" via tail(total() - mark). */
    synchronized long total() {
        return total;
    }
}
