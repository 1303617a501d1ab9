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
 * @param processes what runs inside ({@code docker top}), or null when not known
 * @param network   its traffic since it started (engine stats), or null when not known
 */
public record ContainerSnapshot(ContainerInfo container, SecuritySettings settings, List<ContainerProcess> processes,
                                NetworkActivity network) {

    public ContainerSnapshot {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(settings, "settings");
        processes = processes == null ? null : List.copyOf(processes);
    }

    public ContainerSnapshot(ContainerInfo container, SecuritySettings settings, List<ContainerProcess> processes) {
        this(container, settings, processes, null);
    }

    /** The command lines of {@link #processes}, or null when not known. */
    public List<String> commands() {
        return processes == null ? null : processes.stream().map(ContainerProcess::command).toList();
    }

    /** The container's name, which every finding and report line carries. */
    public String name() {
        return container.name();
    }

    public ContainerSnapshot withProcesses(List<ContainerProcess> list) {
        return new ContainerSnapshot(container, settings, list, network);
    }

    public ContainerSnapshot withNetwork(NetworkActivity activity) {
        return new ContainerSnapshot(container, settings, processes, activity);
    }
}
