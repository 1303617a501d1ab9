package dev.lpm.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.docker.engine.DockerEngineException;
import dev.lpm.docker.engine.DockerGateway;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Snapshots from the live engine: inspect, plus {@code top} for the processes and {@code stats} for the network
 * traffic of running containers.
 */
public final class EngineInspectSource implements InspectSource {

    private final DockerGateway engine;

    public EngineInspectSource(DockerGateway engine) {
        this.engine = engine;
    }

    @Override
    public List<ContainerSnapshot> running() {
        List<ContainerSnapshot> result = new ArrayList<>();
        for (JsonNode summary : engine.getJson("/containers/json")) {
            // A container may be gone between the list and the inspect: skip it.
            container(summary.path("Id").asText()).ifPresent(result::add);
        }
        return result;
    }

    @Override
    public Optional<ContainerSnapshot> container(String nameOrId) {
        String ref = URLEncoder.encode(nameOrId, StandardCharsets.UTF_8);
        return engine.findJson("/containers/" + ref + "/json").map(json -> {
            ContainerSnapshot snapshot = InspectJson.parse(json);
            if (!snapshot.container().running()) {
                return snapshot;
            }
            // top and stats fail for a container that stopped a moment ago; what they say is then unknown.
            try {
                long init = InspectJson.initPid(json);
                snapshot = engine.findJson("/containers/" + ref + "/top").map(top -> InspectJson.topProcesses(top, init))
                        .map(snapshot::withProcesses).orElse(snapshot);
            } catch (DockerEngineException e) {
                return snapshot;
            }
            try {
                ContainerSnapshot withProcesses = snapshot;
                return engine.findJson("/containers/" + ref + "/stats?stream=false&one-shot=true")
                        .flatMap(stats -> StatsJson.network(stats, withProcesses.container().startedAt()))
                        .map(withProcesses::withNetwork).orElse(withProcesses);
            } catch (DockerEngineException e) {
                return snapshot;
            }
        });
    }
}
