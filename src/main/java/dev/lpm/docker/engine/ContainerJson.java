package dev.lpm.docker.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the Engine API's container JSON ({@code GET /containers/ID/json}, the objects {@code docker inspect}
 * prints) into a {@link ContainerInfo}: the one reader of it, so the kill switch, the API guard and the
 * audit see a container the same way, whether it comes from the live engine or a recorded inspect.
 * Missing fields read as Docker's defaults.
 */
public final class ContainerJson {

    private ContainerJson() {}

    public static ContainerInfo info(JsonNode container) {
        JsonNode config = container.path("Config");
        JsonNode host = container.path("HostConfig");
        JsonNode state = container.path("State");
        boolean running = state.path("Running").asBoolean(false);
        return new ContainerInfo(container.path("Id").asText(""), container.path("Name").asText(""),
                config.path("Image").asText(""), running, host.path("NetworkMode").asText(""),
                ports(container, running), labels(config.path("Labels")), restartPolicy(host.path("RestartPolicy")),
                startedAt(state.path("StartedAt").asText("")));
    }

    /** Its IP address on {@code network} ({@code NetworkSettings.Networks}); empty while it has none. */
    public static Optional<String> address(JsonNode container, String network) {
        String ip = container.path("NetworkSettings").path("Networks").path(network).path("IPAddress").asText("");
        return ip.isEmpty() ? Optional.empty() : Optional.of(ip);
    }

    private static List<PublishedPort> ports(JsonNode container, boolean running) {
        // A running container's actual bindings are the truth: they include -P and a daemon-wide
        // default address (dockerd --ip 127.0.0.1), which the configured bindings do not show.
        JsonNode network = container.path("NetworkSettings");
        JsonNode portMap = running && network.isObject() ? network.path("Ports")
                : container.path("HostConfig").path("PortBindings");
        List<PublishedPort> ports = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = portMap.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            // A null list is a port exposed by the image but not published: iterating it yields nothing.
            for (JsonNode binding : entry.getValue()) {
                ports.add(PublishedPort.fromPortMap(entry.getKey(), binding.path("HostIp").asText(""),
                        binding.path("HostPort").asText("")));
            }
        }
        return ports;
    }

    private static Map<String, String> labels(JsonNode labels) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            result.put(label.getKey(), label.getValue().asText(""));
        }
        return result;
    }

    private static ContainerRestartPolicy restartPolicy(JsonNode policy) {
        return policy.isObject() ? new ContainerRestartPolicy(policy.path("Name").asText(""),
                policy.path("MaximumRetryCount").asInt(0)) : ContainerRestartPolicy.NO;
    }

    private static Instant startedAt(String time) {
        // "0001-01-01T00:00:00Z" for a container that never ran.
        try {
            Instant at = time.isEmpty() ? null : Instant.parse(time);
            return at == null || at.getEpochSecond() <= 0 ? null : at;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
