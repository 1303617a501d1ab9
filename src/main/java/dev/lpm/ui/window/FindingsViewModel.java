package dev.lpm.ui.window;

import dev.lpm.core.Finding;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.Severity;
import dev.lpm.events.EventBus;
import dev.lpm.ui.DesktopBackend;
import dev.lpm.ui.FxEvents;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The audit's findings, worst first. A FindingsChanged event carries every finding of one container,
 * so it replaces that container's findings (an empty list means the container is clean or gone).
 */
public final class FindingsViewModel implements AutoCloseable {

    /** How the view groups findings. */
    public enum Grouping {
        CONTAINER("By container"), IMAGE("By image"), SEVERITY("By severity");

        private final String label;

        Grouping(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static final Comparator<Finding> WORST_FIRST = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::container).thenComparing(Finding::id);

    /** The group of the engine and host findings when grouping by image. */
    public static final String HOST = "host (Docker engine)";
    /** The group of lpm's own services' findings when grouping by image. */
    public static final String SERVICES = "lpm services";

    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final Map<String, String> images = new java.util.HashMap<>();
    private final EventBus.Subscription subscription;

    public FindingsViewModel(DesktopBackend backend, FxEvents events) {
        this.subscription = events.listen(event -> {
            if (event instanceof LpmEvent.FindingsChanged changed) {
                if (!changed.image().isEmpty()) {
                    images.put(changed.container(), changed.image());
                }
                replace(changed.container(), changed.findings());
            }
        });
        images.putAll(backend.findingImages());
        findings.setAll(backend.findings().stream().sorted(WORST_FIRST).toList());
    }

    private void replace(String container, List<Finding> current) {
        List<Finding> next = findings.stream().filter(f -> !f.container().equals(container))
                .collect(Collectors.toCollection(java.util.ArrayList::new));
        next.addAll(current);
        next.sort(WORST_FIRST);
        findings.setAll(next);
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /**
     * Findings in groups, worst group first: by severity in severity order; by container (or image) with the
     * container (or image) holding the worst finding first (ties by name). By image, the engine and host findings
     * are the group {@link #HOST} and lpm's services {@link #SERVICES}. Each group is worst first.
     */
    public Map<String, List<Finding>> grouped(Grouping grouping) {
        Function<Finding, String> key = switch (grouping) {
            case SEVERITY -> f -> f.severity().label();
            case CONTAINER -> Finding::container;
            case IMAGE -> this::imageGroup;
        };
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        // findings is worst first, so each group's first entry is its worst and groups arrive worst first.
        for (Finding f : findings) {
            groups.computeIfAbsent(key.apply(f), k -> new java.util.ArrayList<>()).add(f);
        }
        return groups;
    }

    private String imageGroup(Finding f) {
        if (f.container().equals(Finding.ENGINE)) {
            return HOST;
        }
        if (f.container().startsWith(Finding.service(""))) {
            return SERVICES;
        }
        return images.getOrDefault(f.container(), "image not known (" + f.container() + ")");
    }

    /** "2 critical, 1 high, 3 medium" (only severities present), or "none". */
    public static String summary(List<Finding> findings) {
        Map<Severity, Long> counts = findings.stream()
                .collect(Collectors.groupingBy(Finding::severity, TreeMap::new, Collectors.counting()));
        if (counts.isEmpty()) {
            return "none";
        }
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        subscription.close();
    }
}
