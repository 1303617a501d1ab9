package dev.lpm.control;

import java.time.Instant;
import java.util.List;

/**
 * The instance as {@code lpm status --json} prints it. Documented in the README and stable: fields may
 * be added, never renamed or removed.
 *
 * @param running  always true here; {@code lpm status --json} prints {@code {"running":false,...}} when no
 *                 instance runs
 * @param problems things the user should know about, e.g. a state file that was moved aside
 * @param recovered what the instance did at its start about services a previous instance left running
 *                  when it died (they are stopped, then started again as this instance's own)
 * @param tray     which tray icon the desktop app shows: "StatusNotifierItem", "AWT (XEmbed)", or "none" (the
 *                 headless daemon, or a desktop without a tray); null from an instance older than the field
 */
public record StatusView(
        boolean running,
        String version,
        long pid,
        Instant startedAt,
        long uptimeSeconds,
        String home,
        String controlSocket,
        Proxy proxy,
        Counts services,
        List<String> problems,
        List<String> recovered,
        String tray) {

    /** The loopback proxy: the index URL and the addresses it listens on (loopback only). */
    public record Proxy(String url, int port, List<String> listening) {}

    /** How many services are in each state. */
    public record Counts(int total, int running, int starting, int stopped, int crashed, int blocked) {}
}
