package dev.lpm.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.docker.engine.ContainerJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Engine API's container JSON ({@code GET /containers/ID/json}, the same objects {@code docker
 * inspect} prints) into a {@link ContainerSnapshot}: the container through {@link ContainerJson}, the one
 * reader the guard uses too, plus the security settings only the audit needs. Missing fields read as their
 * Docker defaults, so older and newer engines both work.
 */
public final class InspectJson {

    private InspectJson() {}

    public static ContainerSnapshot parse(JsonNode c) {
        return new ContainerSnapshot(ContainerJson.info(c), settings(c), null);
    }

    private static SecuritySettings settings(JsonNode c) {
        JsonNode config = c.path("Config");
        JsonNode host = c.path("HostConfig");
        return new SecuritySettings(
                config.path("User").asText(""),
                strings(config.path("Healthcheck").path("Test")),
                host.path("Privileged").asBoolean(false),
                strings(host.path("CapAdd")),
                strings(host.path("CapDrop")),
                host.path("PidMode").asText(""),
                host.path("IpcMode").asText(""),
                host.path("UTSMode").asText(""),
                strings(host.path("SecurityOpt")),
                devices(host.path("Devices")),
                mounts(c.path("Mounts")),
                host.path("PublishAllPorts").asBoolean(false),
                host.path("ReadonlyRootfs").asBoolean(false),
                host.path("Memory").asLong(0),
                host.path("PidsLimit").asLong(0),
                c.path("AppArmorProfile").asText(""));
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

    private static List<SecuritySettings.Mount> mounts(JsonNode mounts) {
        List<SecuritySettings.Mount> result = new ArrayList<>();
        for (JsonNode m : mounts) {
            result.add(new SecuritySettings.Mount(m.path("Type").asText(""), m.path("Source").asText(""),
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
}
