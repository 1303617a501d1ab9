package dev.lpm.audit;

import dev.lpm.core.Finding;
import dev.lpm.core.LpmEvent;
import dev.lpm.events.EventBus;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The audit's findings as they stand now, kept from the FindingsChanged events (each replaces one
 * container's list), so a window opened later sees what was found before it.
 */
public final class CurrentFindings {

    private final Map<String, List<Finding>> byContainer = new ConcurrentHashMap<>();
    private final Map<String, String> images = new ConcurrentHashMap<>();

    /** Subscribe before the audit starts so no event is missed. */
    public CurrentFindings(EventBus events) {
        events.subscribe(event -> {
            if (event instanceof LpmEvent.FindingsChanged changed) {
                if (changed.findings().isEmpty()) {
                    byContainer.remove(changed.container());
                    images.remove(changed.container());
                } else {
                    byContainer.put(changed.container(), changed.findings());
                    if (!changed.image().isEmpty()) {
                        images.put(changed.container(), changed.image());
                    }
                }
            }
        });
    }

    /** The image of each container that has findings, by container name. */
    public Map<String, String> images() {
        return Map.copyOf(images);
    }

    /** Every finding, most severe first, then by container. */
    public List<Finding> all() {
        return byContainer.values().stream().flatMap(List::stream)
                .sorted(Comparator.comparing(Finding::severity).thenComparing(Finding::container).thenComparing(Finding::id))
                .toList();
    }
}
