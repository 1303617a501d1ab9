package dev.lpm.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.docker.engine.PublishedPort;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Engine API's container JSON ({@code GET /containers/ID/json}, the same objects {@code docker
 * inspect} prints) into a {@link ContainerSnapshot}. Missing fields read as their Docker defaults, so
 * older and newer engines both work.
 */
public final class InspectJson {

    private InspectJson() {}

    public static ContainerSnapshot parse(JsonNode c) {
        JsonNode config = c.path("Config");
        JsonNode host = c.path("HostConfig");
        String name = c.path("Name").asText("");
        return new ContainerSnapshot(
                name.startsWith("/") ? name.substring(1) : name,
                c.path("Id").asText(""),
                config.path("Image").asText(""),
                config.path("User").asText(""),
                stringMap(config.path("Labels")),
                strings(config.path("Healthcheck").path("Test")),
                host.path("Privileged").asBoolean(false),
                strings(host.path("CapAdd")),
                strings(host.path("CapDrop")),
                host.path("NetworkMode").asText(""),
                host.path("PidMode").asText(""),
                host.path("IpcMode").asText(""),
                host.path("UTSMode").asText(""),
                strings(host.path("SecurityOpt")),
                devices(host.path("Devices")),
                mounts(c.path("Mounts")),
                ports(c, host),
                host.path("PublishAllPorts").asBoolean(false),
                host.path("ReadonlyRootfs").asBoolean(false),
                host.path("Memory").asLong(0),
                host.path("PidsLimit").asLong(0),
                c.path("AppArmorProfile").asText(""),
                null);
    }

    /** The command column of {@code GET /containers/ID/top}: one entry per process. */
    public static List<String> topCommands(JsonNode top) {
        List<String> titles = strings(top.path("Titles"));
        int column = titles.indexOf("CMD");
        if (column < 0) {
            column = titles.indexOf("COMMAND");
        }
        List<String> commands = new ArrayList<>();
        for (JsonNode process : top.path("Processes")) {
            int at = column >= 0 ? column : process.size() - 1;
            commands.add(process.path(at).asText(""));
        }
        return commands;
    }

    private static List<PublishedPort> ports(JsonNode c, JsonNode host) {
        // A running container's NetworkSettings.Ports holds what was really bound (publish-all included);
        // a created or stopped one has only what was asked for.
        JsonNode actual = c.path("NetworkSettings").path("Ports");
        boolean running = c.path("State").path("Running").asBoolean(true);
        JsonNode source = running && actual.isObject() ? actual : host.path("PortBindings");
        List<PublishedPort> ports = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            for (JsonNode binding : entry.getValue()) {
                ports.add(PublishedPort.fromPortMap(entry.getKey(), binding.path("HostIp").asText(""),
                        binding.path("HostPort").asText("")));
            }
        }
        return ports;
    }

    private static List<ContainerSnapshot.Mount> mounts(JsonNode mounts) {
        List<ContainerSnapshot.Mount> result = new ArrayList<>();
        for (JsonNode m : mounts) {
            result.add(new ContainerSnapshot.Mount(m.path("Type").asText(""), m.path("Source").asText(""),
                    m.path("Destination").asText(""), m.path("RW").asBoolean(true), m.path("Propagation").asText("")));
        }
        return result;
    }

    private static List<String> devices(JsonNode devices) {
        List<String> result = new ArrayList<>();
        for (JsonNode d : devices) {
            result.add(d.path("PathOnHost").asText("") + ":" + d.path("PathInContainer").asText(""));
        }
        return result;
    }

    private static List<String> strings(JsonNode array) {
        List<String> result = new ArrayList<>();
        for (JsonNode item : array) {
            result.add(item.asText());
        }
        return result;
    }

    private static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            result.put(e.getKey(), e.getValue().asText(""));
        }
        return result;
    }
}
