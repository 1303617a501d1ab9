package dev.lpm.audit.images;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.docker.engine.DockerGateway;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the images of the running containers from the engine, one subject per (name, image id) pair. */
public final class ImageSubjects {

    private ImageSubjects() {}

    public static List<ImageSubject> running(DockerGateway engine) {
        Map<String, List<String>> containers = new LinkedHashMap<>();
        for (JsonNode summary : engine.getJson("/containers/json")) {
            // A container may be gone between the list and the inspect: skip it.
            engine.findJson("/containers/" + summary.path("Id").asText() + "/json").ifPresent(inspect -> {
                String key = inspect.path("Config").path("Image").asText() + "\n" + inspect.path("Image").asText();
                containers.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(inspect.path("Name").asText().replaceFirst("^/", ""));
            });
        }
        List<ImageSubject> subjects = new ArrayList<>();
        containers.forEach((key, names) -> {
            String[] refAndId = key.split("\n", 2);
            Optional<JsonNode> running = image(engine, refAndId[1]);
            Optional<JsonNode> tagged = image(engine, refAndId[0]);
            subjects.add(new ImageSubject(names, refAndId[0], refAndId[1], digests(running),
                    tagged.map(t -> t.path("Id").asText()).orElse(""), digests(tagged)));
        });
        return subjects;
    }

    private static Optional<JsonNode> image(DockerGateway engine, String nameOrId) {
        if (nameOrId.isEmpty()) {
            return Optional.empty();
        }
        return engine.findJson("/images/" + URLEncoder.encode(nameOrId, StandardCharsets.UTF_8) + "/json");
    }

    private static List<String> digests(Optional<JsonNode> image) {
        List<String> digests = new ArrayList<>();
        image.ifPresent(i -> i.path("RepoDigests").forEach(d -> digests.add(d.asText())));
        return digests;
    }
}
