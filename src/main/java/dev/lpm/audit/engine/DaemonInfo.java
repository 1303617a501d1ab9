package dev.lpm.audit.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the engine says of itself in {@code GET /info} (what {@code docker info} prints) that the host checks use.
 *
 * @param liveRestore    {@code LiveRestoreEnabled}; null when the engine does not say
 * @param usernsRemap    {@code SecurityOptions} has {@code name=userns}
 * @param rootless       {@code SecurityOptions} has {@code name=rootless}
 * @param runtimes       the names in {@code Runtimes}, sorted
 * @param defaultRuntime {@code DefaultRuntime}
 * @param dataRoot       {@code DockerRootDir}
 */
public record DaemonInfo(Boolean liveRestore, boolean usernsRemap, boolean rootless, List<String> runtimes,
                         String defaultRuntime, String dataRoot) {

    public static final DaemonInfo UNKNOWN = new DaemonInfo(null, false, false, List.of(), "", "");

    public DaemonInfo {
        runtimes = runtimes == null ? List.of() : List.copyOf(runtimes);
        defaultRuntime = defaultRuntime == null ? "" : defaultRuntime;
        dataRoot = dataRoot == null ? "" : dataRoot;
    }

    public static DaemonInfo parse(JsonNode info) {
        boolean userns = false;
        boolean rootless = false;
        for (JsonNode option : info.path("SecurityOptions")) {
            userns |= option.asText().contains("name=userns");
            rootless |= option.asText().contains("name=rootless");
        }
        List<String> runtimes = new ArrayList<>();
        info.path("Runtimes").fieldNames().forEachRemaining(runtimes::add);
        runtimes.sort(null);
        JsonNode live = info.path("LiveRestoreEnabled");
        return new DaemonInfo(live.isBoolean() ? live.asBoolean() : null, userns, rootless, runtimes,
                info.path("DefaultRuntime").asText(""), info.path("DockerRootDir").asText(""));
    }
}
