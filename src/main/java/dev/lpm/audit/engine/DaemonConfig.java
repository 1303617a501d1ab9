package dev.lpm.audit.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of {@code daemon.json} the engine checks look at. Absent settings are null (Docker's
 * default applies).
 *
 * @param found   whether the file exists (no file means every default)
 * @param problem why the file could not be read, or null
 */
public record DaemonConfig(boolean found, String problem, String ip, Boolean userlandProxy, Boolean noNewPrivileges,
                           Boolean icc, List<String> hosts, Boolean tlsVerify) {

    public static final DaemonConfig ABSENT = new DaemonConfig(false, null, null, null, null, null, List.of(), null);

    public DaemonConfig {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    public static DaemonConfig parse(JsonNode json) {
        List<String> hosts = new ArrayList<>();
        json.path("hosts").forEach(h -> hosts.add(h.asText()));
        return new DaemonConfig(true, null, text(json, "ip"), bool(json, "userland-proxy"),
                bool(json, "no-new-privileges"), bool(json, "icc"), hosts, bool(json, "tlsverify"));
    }

    public static DaemonConfig unreadable(String problem) {
        return new DaemonConfig(true, problem, null, null, null, null, List.of(), null);
    }

    private static String text(JsonNode json, String field) {
        return json.hasNonNull(field) ? json.get(field).asText() : null;
    }

    private static Boolean bool(JsonNode json, String field) {
        return json.hasNonNull(field) ? json.get(field).asBoolean() : null;
    }
}
