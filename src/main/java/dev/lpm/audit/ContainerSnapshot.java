package dev.lpm.audit;

import dev.lpm.docker.engine.ContainerInfo;
import java.util.List;
import java.util.Objects;

/**
 * What the rules look at: the container as the kill switch and the API guard see it (read from
 * {@code docker inspect} by {@code ContainerJson}), its security settings, and what runs inside
 * ({@code docker top}). Rules never see JSON, so recorded inspect output and the live engine go through
 * the same rules.
 *
 * @param processes commands running inside ({@code docker top}), or null when not known
 */
public record ContainerSnapshot(ContainerInfo container, SecuritySettings settings, List<String> processes) {

    public ContainerSnapshot {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(settings, "settings");
        processes = processes == null ? null : List.copyOf(processes);
    }

    /** The container's name, which every finding and report line carries. */
    public String name() {
        return container.name();
    }

    public ContainerSnapshot withProcesses(List<String> commands) {
        return new ContainerSnapshot(container, settings, commands);
    }
}
