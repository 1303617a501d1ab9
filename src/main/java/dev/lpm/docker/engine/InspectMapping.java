package dev.lpm.docker.engine;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.lpm.storage.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** docker-java's inspect response -> {@link ContainerInfo}; kept apart so the gateway only talks to the engine. */
final class InspectMapping {

    private InspectMapping() {}

    static ContainerInfo toInfo(InspectContainerResponse r) {
        boolean running = r.getState() != null && Boolean.TRUE.equals(r.getState().getRunning());
        var host = r.getHostConfig();
        // A running container's actual bindings are the truth: they include -P and a daemon-wide
        // default address (dockerd --ip 127.0.0.1), which the configured bindings do not show.
        Ports ports = running && r.getNetworkSettings() != null ? r.getNetworkSettings().getPorts()
                : host == null ? null : host.getPortBindings();
        RestartPolicy restart = host == null ? null : host.getRestartPolicy();
        Map<String, String> labels = r.getConfig() == null ? null : r.getConfig().getLabels();
        return new ContainerInfo(r.getId(), r.getName(), r.getConfig() == null ? null : r.getConfig().getImage(),
                running, host == null ? null : host.getNetworkMode(), published(ports), labels,
                restart == null ? null : new ContainerRestartPolicy(restart.getName(),
                        restart.getMaximumRetryCount() == null ? 0 : restart.getMaximumRetryCount()),
                startedAt(r.getState() == null ? null : r.getState().getStartedAt()));
    }

    private static Instant startedAt(String time) {
        // "0001-01-01T00:00:00Z" for a container that never ran.
        try {
            Instant at = time == null ? null : Instant.parse(time);
            return at == null || at.getEpochSecond() <= 0 ? null : at;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static RestartPolicy toDocker(ContainerRestartPolicy policy) {
        // Not RestartPolicy.noRestart(): that is named "", which the engine's update endpoint reads as
        // "leave the policy as it is". The engine needs "no" spelled out, and docker-java has no factory for it.
        return Json.mapper().convertValue(
                Map.of("Name", policy.name(), "MaximumRetryCount", policy.maxRetries()), RestartPolicy.class);
    }

    private static List<PublishedPort> published(Ports ports) {
        List<PublishedPort> result = new ArrayList<>();
        if (ports == null || ports.getBindings() == null) {
            return result;
        }
        for (Map.Entry<ExposedPort, Ports.Binding[]> entry : ports.getBindings().entrySet()) {
            if (entry.getValue() == null) {
                continue; // exposed in the image, not published
            }
            ExposedPort exposed = entry.getKey();
            for (Ports.Binding binding : entry.getValue()) {
                result.add(new PublishedPort(binding.getHostIp(), binding.getHostPortSpec(), exposed.getPort(),
                        exposed.getProtocol() == null ? "tcp" : exposed.getProtocol().toString()));
            }
        }
        return result;
    }
}
