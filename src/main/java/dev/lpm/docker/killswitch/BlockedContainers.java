package dev.lpm.docker.killswitch;

import dev.lpm.core.BlockEvent;
import dev.lpm.docker.engine.ContainerRestartPolicy;
import dev.lpm.storage.JsonFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The containers the kill switch stopped, with the restart policy each had, saved atomically after
 * every change so a restarted daemon can still offer (and restore) them. Not thread-safe: the guard
 * uses it from its one thread only.
 */
public final class BlockedContainers {

    public static final int VERSION = 1;

    /** One blocked container: what happened, and the restart policy to restore on resume. */
    public record Blocked(BlockEvent event, ContainerRestartPolicy previousRestartPolicy) {}

    private final JsonFile<Document> file;
    private final Map<String, Blocked> byId = new LinkedHashMap<>();

    private BlockedContainers(JsonFile<Document> file) {
        this.file = file;
    }

    /**
     * Reads the file. A file that cannot be read is moved aside (see {@link JsonFile}); the report is
     * returned so the caller can publish it, and the guard starts with nothing blocked.
     */
    public static JsonFile.Loaded<BlockedContainers> load(Path path) throws IOException {
        JsonFile<Document> file = new JsonFile<>(path, Document.class);
        JsonFile.Loaded<Document> loaded = file.load(() -> new Document(VERSION, List.of()));
        BlockedContainers store = new BlockedContainers(file);
        for (Entry e : loaded.value().blocked()) {
            Blocked b = e.toBlocked();
            store.byId.put(b.event().containerId(), b);
        }
        return new JsonFile.Loaded<>(store, loaded.quarantine());
    }

    public Path path() {
        return file.path();
    }

    public Optional<Blocked> get(String containerId) {
        return Optional.ofNullable(byId.get(containerId));
    }

    public List<Blocked> all() {
        return List.copyOf(byId.values());
    }

    public void put(Blocked blocked) throws IOException {
        Blocked old = byId.put(blocked.event().containerId(), blocked);
        try {
            save();
        } catch (IOException e) {
            if (old == null) {
                byId.remove(blocked.event().containerId());
            } else {
                byId.put(old.event().containerId(), old);
            }
            throw e;
        }
    }

    public void remove(String containerId) throws IOException {
        Blocked old = byId.remove(containerId);
        if (old != null) {
            try {
                save();
            } catch (IOException e) {
                byId.put(containerId, old);
                throw e;
            }
        }
    }

    private void save() throws IOException {
        file.save(new Document(VERSION, byId.values().stream().map(Entry::of).toList()));
    }

    // The file format, apart from the core record so the file stays stable when BlockEvent grows.

    private record Document(int version, List<Entry> blocked) {
        Document {
            if (version < 1 || version > VERSION) {
                throw new IllegalArgumentException("blocked-containers version " + version + " is not " + VERSION);
            }
            if (blocked == null) {
                throw new IllegalArgumentException("the file has no 'blocked' list");
            }
        }
    }

    private record Entry(String containerId, String name, String image, List<String> ports, String reason,
                         Instant at, Duration stoppedWithin, String restartPolicy, int restartMaxRetries) {
        Entry {
            if (containerId == null || containerId.isBlank()) {
                throw new IllegalArgumentException("an entry has no containerId");
            }
            ports = ports == null ? new ArrayList<>() : ports;
        }

        static Entry of(Blocked b) {
            BlockEvent e = b.event();
            return new Entry(e.containerId(), e.name(), e.image(), e.ports(), e.reason(), e.at(), e.stoppedWithin(),
                    b.previousRestartPolicy().name(), b.previousRestartPolicy().maxRetries());
        }

        Blocked toBlocked() {
            return new Blocked(new BlockEvent(containerId, name, image, ports, reason, at, stoppedWithin),
                    new ContainerRestartPolicy(restartPolicy, restartMaxRetries));
        }
    }
}
