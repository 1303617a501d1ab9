package dev.lpm.docker.apiguard;

import java.util.List;

/**
 * What the guard does with {@code POST /build}: a build on the host's network ({@code docker build
 * --network host}, query {@code networkmode=host}) is refused unless the setting allows it, because a
 * RUN step could then listen on every interface of this machine. The engine reads
 * {@code networkmode} with Go's FormValue (exact key, first value); any key spelled like
 * {@code networkmode} or {@code network} in any case, with any value spelled like "host", is refused,
 * so no spelling the engine (or a later one) accepts slips through.
 */
final class BuildRequestRules {

    static final String SETTING = "allowHostNetworkBuilds";
    private static final List<String> KEYS = List.of("networkmode", "network");

    private BuildRequestRules() {}

    /** The refusal message, or null when the build may go on. */
    static String refusal(RequestTarget target, boolean allowHostNetwork) {
        if (allowHostNetwork || target.rawQuery() == null) {
            return null;
        }
        var parameters = new io.netty.handler.codec.http.QueryStringDecoder("?" + target.rawQuery()).parameters();
        for (var parameter : parameters.entrySet()) {
            if (KEYS.stream().anyMatch(parameter.getKey().strip()::equalsIgnoreCase)
                    && parameter.getValue().stream().anyMatch(v -> v.strip().equalsIgnoreCase("host"))) {
                return "lpm: a build on the host's network (docker build --network host) is refused: its RUN steps"
                        + " could listen on every interface of this machine. Set \"" + SETTING
                        + "\": true in settings.json to allow it";
            }
        }
        return null;
    }
}
