package dev.lpm.docker.engine;

import dev.lpm.docker.command.ContainerLabels;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * lpm's one model of a container, read from {@code docker inspect} by {@link ContainerJson}: the kill
 * switch and the API guard judge it, and the audit wraps it with the settings only the audit looks at.
 *
 * @param id            the full id
 * @param name          without Docker's leading slash
 * @param image         as the user named it ({@code Config.Image})
 * @param running       whether it runs now
 * @param networkMode   {@code bridge}, {@code host}, {@code none}, {@code container:ID}, a network name...
 * @param ports         what it publishes: for a running container what the engine actually bound (this
 *                      includes {@code -P} and a daemon-wide default address), else the configured bindings
 * @param labels        its labels
 * @param restartPolicy its restart policy now
 * @param startedAt     when it last started, or null when the engine does not say
 */
public record ContainerInfo(String id, String name, String image, boolean running, String networkMode,
                            List<PublishedPort> ports, Map<String, String> labels,
                            ContainerRestartPolicy restartPolicy, Instant startedAt) {

    public ContainerInfo {
        name = name == null ? "" : name.startsWith("/") ? name.substring(1) : name;
        image = image == null ? "" : image;
        networkMode = networkMode == null || networkMode.isEmpty() ? "default" : networkMode;
        ports = ports == null ? List.of() : List.copyOf(ports);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        restartPolicy = restartPolicy == null ? ContainerRestartPolicy.NO : restartPolicy;
    }

    public boolean bypassesKillSwitch() {
        return ContainerLabels.BYPASS.equals(labels.get(ContainerLabels.KILL_SWITCH));
    }

    /** The container whose network namespace this one joins ({@code --network container:X}), or null. */
    public String networkOwner() {
        return networkMode.startsWith("container:") ? networkMode.substring("container:".length()) : null;
    }

    /** Whether {@code idOrName} refers to this container: its name, its full id or an id prefix. */
    public boolean isCalled(String idOrName) {
        return idOrName != null && !idOrName.isEmpty()
                && (name.equals(idOrName.startsWith("/") ? idOrName.substring(1) : idOrName) || id.startsWith(idOrName));
    }
}
