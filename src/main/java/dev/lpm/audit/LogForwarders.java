package dev.lpm.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.docker.engine.DockerGateway;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a running container that ships the engine's local log files off the host: one that mounts the engine's
 * data root (or its {@code containers} directory, where json-file keeps the logs), or a known log shipper with
 * the engine's socket. With one running, json-file and local are not a finding: the logs leave the host.
 */
public final class LogForwarders {

    /** Image names of log shippers that read the logs through the engine's API (logspout) or its files. */
    private static final Set<String> SHIPPERS = Set.of("fluent-bit", "fluentd", "vector", "promtail", "filebeat",
            "logspout", "alloy", "otel", "opentelemetry-collector", "logstash");

    private LogForwarders() {}

    /** The name of the first forwarder among the running containers, or empty. */
    public static Optional<String> find(DockerGateway engine, String dataRoot) {
        for (JsonNode c : engine.getJson("/containers/json")) {
            if (forwards(c, dataRoot)) {
                return Optional.of(c.path("Names").path(0).asText(c.path("Id").asText()).replaceFirst("^/", ""));
            }
        }
        return Optional.empty();
    }

    /** {@code summary}: one entry of {@code GET /containers/json} (its Image and Mounts). */
    static boolean forwards(JsonNode summary, String dataRoot) {
        String root = dataRoot == null || dataRoot.isEmpty() ? "/var/lib/docker" : dataRoot;
        String image = summary.path("Image").asText("").toLowerCase(Locale.ROOT);
        boolean shipper = SHIPPERS.stream().anyMatch(image::contains);
        for (JsonNode m : summary.path("Mounts")) {
            String source = m.path("Source").asText("");
            if (!"bind".equals(m.path("Type").asText("bind")) || source.isEmpty()) {
                continue;
            }
            boolean readsLogFiles = source.equals(root + "/containers") || root.equals(source)
                    || root.startsWith(source.endsWith("/") ? source : source + "/");
            boolean readsApi = shipper && source.endsWith("docker.sock");
            if (readsLogFiles && !source.equals("/") || readsApi) {
                return true;
            }
        }
        return false;
    }
}
