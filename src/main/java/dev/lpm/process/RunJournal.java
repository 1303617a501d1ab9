package dev.lpm.process;

import dev.lpm.core.ServiceName;
import dev.lpm.storage.JsonFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes this instance runs, on disk ({@code running.json} in LPM_HOME): each service's process
 * group leader with its start time, written at every launch and exit. An instance that dies without
 * stopping its services (kill -9, a crash, a power cut of the JVM only) leaves it behind, and the next
 * instance reads it to find the survivors, which run in their own sessions and outlive the instance.
 */
public final class RunJournal {

    private static final Logger LOG = LoggerFactory.getLogger(RunJournal.class);

    private final JsonFile<Document> file;
    private final Map<String, Entry> entries = new TreeMap<>();

    public RunJournal(Path path) {
        this.file = new JsonFile<>(path, Document.class);
    }

    /**
     * One launched process.
     *
     * @param pid       the service's root process (with {@code setsid}, also its process group and session)
     * @param startTime its start time in clock ticks after boot (/proc/PID/stat), so a reused pid is told apart
     * @param ownGroup  whether it leads its own process group
     */
    public record Entry(String service, long pid, long startTime, boolean ownGroup) {}

    private record Document(List<Entry> running) {
        Document {
            running = running == null ? List.of() : List.copyOf(running);
        }
    }

    /** What the last instance left in the journal; a file that cannot be read counts as empty and is reported. */
    public List<Entry> leftBehind() {
        try {
            JsonFile.Loaded<Document> loaded = file.load(() -> new Document(List.of()));
            if (loaded.wasQuarantined()) {
                LOG.warn("{}", loaded.quarantine().message());
            }
            return loaded.value().running();
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", file.path(), e.toString());
            return List.of();
        }
    }

    synchronized void launched(ServiceName name, Process process, boolean ownGroup) {
        Optional<ProcStat> stat = ProcStat.read(process.pid());
        entries.put(name.value(), new Entry(name.value(), process.pid(), stat.map(ProcStat::startTime).orElse(-1L),
                ownGroup));
        save();
    }

    synchronized void ended(ServiceName name) {
        if (entries.remove(name.value()) != null) {
            save();
        }
    }

    /** Forgets everything: called once the last instance's survivors are dealt with. */
    public synchronized void reset() {
        entries.clear();
        save();
    }

    private void save() {
        try {
            file.save(new Document(List.copyOf(entries.values())));
        } catch (IOException e) {
            // Losing the journal only loses crash recovery; the services themselves are unaffected.
            LOG.warn("cannot write {}: {}", file.path(), e.toString());
        }
    }
}
