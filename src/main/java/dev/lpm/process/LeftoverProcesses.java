package dev.lpm.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds and stops the services a dead instance left running (see {@link RunJournal}). They are stopped,
 * not adopted: their output pipes died with the old instance, so an adopted service could neither log
 * nor be supervised; a clean stop and a fresh start gives one copy with working logs and no port clash.
 */
public final class LeftoverProcesses {

    private LeftoverProcesses() {}

    /** One survivor that was stopped. */
    public record Stopped(String service, long pid) {}

    /**
     * Stops every journal entry whose process still runs (same pid and start time), with its whole
     * group, SIGTERM then SIGKILL after {@code grace}. Entries whose process is gone are skipped.
     */
    public static List<Stopped> stopAll(List<RunJournal.Entry> entries, Duration grace) {
        List<Stopped> stopped = new ArrayList<>();
        for (RunJournal.Entry entry : entries) {
            Optional<ProcessHandle> alive = stillRunning(entry);
            if (alive.isPresent()) {
                ProcessTree.terminate(alive.get(), entry.ownGroup(), grace);
                stopped.add(new Stopped(entry.service(), entry.pid()));
            }
        }
        return stopped;
    }

    /** The entries whose process still runs: what a dead instance left behind (lpm doctor reports them). */
    public static List<RunJournal.Entry> stillRunning(List<RunJournal.Entry> entries) {
        return entries.stream().filter(entry -> stillRunning(entry).isPresent()).toList();
    }

    /** The entry's process, if it is still the same process (a pid alone may have been reused). */
    static Optional<ProcessHandle> stillRunning(RunJournal.Entry entry) {
        return ProcessHandle.of(entry.pid())
                .filter(ProcessHandle::isAlive)
                .filter(p -> ProcStat.read(entry.pid()).map(s -> s.startTime() == entry.startTime() && s.state() != 'Z')
                        .orElse(false));
    }
}
