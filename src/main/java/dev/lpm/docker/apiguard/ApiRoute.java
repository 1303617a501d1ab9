package dev.lpm.docker.apiguard;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;

/**
 * Which Docker API endpoint a request goes to, as far as the guard cares, read from a
 * {@link RequestTarget} (the path as the engine's router sees it). moby's container routes take
 * {@code {name:.*}}, so a name may itself hold slashes: only the first and last segments are matched.
 * The method is compared ignoring case (the engine would answer a lower-case "post" with 404; the
 * guard sends an inspected request on as POST, so it judges what it forwards either way).
 */
enum ApiRoute {
    /** POST /containers/create: the body is inspected and rewritten. */
    CREATE,
    /** POST /containers/{id}/start: API versions before 1.24 accepted a HostConfig here. */
    START,
    /** POST /containers/{id}/exec: the body says whether the exec is privileged. */
    EXEC_CREATE,
    /** POST /build: the query says whether the build uses the host's network. */
    BUILD,
    /** attach and exec start: the engine may take over the connection (hijack). */
    HIJACK,
    OTHER;

    /** Whether the guard judges requests of this route (and forwards them with the normalised target). */
    boolean inspected() {
        return this == CREATE || this == START || this == EXEC_CREATE || this == BUILD;
    }

    /** Whether the guard reads the whole body before it decides. */
    boolean bodyInspected() {
        return this == CREATE || this == START || this == EXEC_CREATE;
    }

    static ApiRoute of(HttpMethod method, RequestTarget target) {
        if (!method.name().equalsIgnoreCase("POST")) {
            return OTHER;
        }
        List<String> path = target.segments();
        if (path.equals(List.of("containers", "create"))) {
            return CREATE;
        }
        if (path.equals(List.of("build"))) {
            return BUILD;
        }
        if (path.size() < 3) {
            return OTHER;
        }
        String first = path.getFirst();
        String last = path.getLast();
        if (first.equals("containers") && last.equals("start")) {
            return START;
        }
        if (first.equals("containers") && last.equals("exec")) {
            return EXEC_CREATE;
        }
        if (first.equals("containers") && last.equals("attach") || first.equals("exec") && last.equals("start")) {
            return HIJACK;
        }
        return OTHER;
    }

    /** The first value of query parameter {@code key} (exact case, as Go's FormValue), or null. */
    static String queryValue(RequestTarget target, String key) {
        List<String> values = queryValues(target, key);
        return values.isEmpty() ? null : values.getFirst();
    }

    /** Every value of query parameter {@code key}, decoded as Go's url.ParseQuery does ('+' is a space). */
    static List<String> queryValues(RequestTarget target, String key) {
        if (target.rawQuery() == null) {
            return List.of();
        }
        List<String> values = new QueryStringDecoder("?" + target.rawQuery()).parameters().get(key);
        return values == null ? List.of() : values;
    }
}
