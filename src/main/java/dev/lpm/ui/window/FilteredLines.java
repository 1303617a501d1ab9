package dev.lpm.ui.window;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * A bounded list of text lines with a live, case-insensitive filter: the shared model behind the log
 * views. Once full, the oldest lines go, so a chatty service cannot grow the window's memory.
 */
public final class FilteredLines {

    private final int maxLines;
    private final ObservableList<String> all = FXCollections.observableArrayList();
    private final FilteredList<String> visible = new FilteredList<>(all);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");

    public FilteredLines(int maxLines) {
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be at least 1, was " + maxLines);
        }
        this.maxLines = maxLines;
        filter.addListener((obs, old, text) -> visible.setPredicate(matching(text)));
    }

    private static java.util.function.Predicate<String> matching(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String needle = text.toLowerCase(Locale.ROOT);
        return line -> line.toLowerCase(Locale.ROOT).contains(needle);
    }

    public void add(String line) {
        addAll(List.of(line));
    }

    public void addAll(List<String> lines) {
        if (lines.size() >= maxLines) {
            all.setAll(lines.subList(lines.size() - maxLines, lines.size()));
            return;
        }
        int overflow = all.size() + lines.size() - maxLines;
        if (overflow > 0) {
            all.remove(0, overflow);
        }
        all.addAll(lines);
    }

    public ObservableList<String> all() {
        return all;
    }

    /** The lines that match the filter, in order; what the view shows. */
    public FilteredList<String> visible() {
        return visible;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public int maxLines() {
        return maxLines;
    }

    /** What "copy" puts on the clipboard: the selected lines, or every visible line when none is selected. */
    public String copyText(List<String> selected) {
        return String.join("\n", selected.isEmpty() ? visible : selected);
    }
}
