package dev.lpm.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.docker.engine.ContainerJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
                c.path("AppArmorProfile").asText(""),
                host.path("Runtime").asText(""),
                host.path("LogConfig").path("Type").asText(""));
    }

    /** The command column of {@code GET /containers/ID/top}: one entry per process. */
    public static List<String> topCommands(JsonNode top) {
        return topProcesses(top, 0).stream().map(ContainerProcess::command).toList();
    }

    /**
     * The processes of {@code GET /containers/ID/top} (PID, PPID and CMD/COMMAND columns, wherever they are),
     * each marked as the container's own when it descends from {@code initPid} (inspect's {@code State.Pid}).
     */
    public static List<ContainerProcess> topProcesses(JsonNode top, long initPid) {
        List<String> titles = strings(top.path("Titles"));
        int command = titles.indexOf("CMD");
        if (command < 0) {
            command = titles.indexOf("COMMAND");
        }
        int pidColumn = titles.indexOf("PID");
        int ppidColumn = titles.indexOf("PPID");
        Map<Long, Long> parents = new HashMap<>();
        List<long[]> ids = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        for (JsonNode process : top.path("Processes")) {
            long pid = pidColumn >= 0 ? number(process.path(pidColumn).asText("")) : -1;
            long ppid = ppidColumn >= 0 ? number(process.path(ppidColumn).asText("")) : -1;
            parents.put(pid, ppid);
            ids.add(new long[] {pid, ppid});
            commands.add(process.path(command >= 0 ? command : process.size() - 1).asText(""));
        }
        List<ContainerProcess> result = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            result.add(new ContainerProcess(ids.get(i)[0], ids.get(i)[1], commands.get(i),
                    descends(ids.get(i)[0], initPid, parents)));
        }
        return result;
    }

    /** The container's init pid on the host ({@code State.Pid}); 0 when it does not run. */
    public static long initPid(JsonNode c) {
        return c.path("State").path("Pid").asLong(0);
    }

    private static boolean descends(long pid, long initPid, Map<Long, Long> parents) {
        if (initPid <= 0) {
            return true; // the init is unknown: count every process as the container's own
        }
        Set<Long> seen = new HashSet<>();
        for (long p = pid; p > 0 && seen.add(p); p = parents.getOrDefault(p, -1L)) {
            if (p == initPid) {
                return true;
            }
        }
        return false;
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
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
