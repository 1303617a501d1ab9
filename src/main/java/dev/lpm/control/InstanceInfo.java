package dev.lpm.control;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Facts about the running instance that {@code lpm status} reports.
 *
 * @param recovered what this instance did at its start about processes a previous instance left running
 *                  when it died (kill -9, a crash): one line per stopped service
 */
public record InstanceInfo(String version, long pid, Instant startedAt, Path home, Path controlSocket, int proxyPort,
                           List<String> proxyListening, List<String> recovered) {

    public InstanceInfo {
        recovered = recovered == null ? List.of() : List.copyOf(recovered);
    }
}
