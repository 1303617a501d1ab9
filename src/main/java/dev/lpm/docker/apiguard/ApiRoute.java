package dev.lpm.docker.apiguard;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Which Docker API endpoint a request goes to, as far as the guard cares. Paths are decoded and
 * normalized first (percent-escapes, repeated slashes, dot segments, the optional /vX.Y prefix), so
 * a spelling the engine accepts cannot slip past as "something else".
 */
enum ApiRoute {
    /** POST /containers/create: the body is inspected and rewritten. */
    CREATE,
    /** POST /containers/{id}/start: API versions before 1.24 accepted a HostConfig here. */
    START,
    /** attach and exec start: the engine may take over the connection (hijack). */
    HIJACK,
    OTHER;

    static ApiRoute of(HttpMethod method, String uri) {
        if (!method.name().equalsIgnoreCase("POST")) {
            return OTHER;
        }
        List<String> path = segments(uri);
        if (path.equals(List.of("containers", "create"))) {
            return CREATE;
        }
        if (path.size() == 3 && path.get(0).equals("containers") && path.get(2).equals("start")) {
            return START;
        }
        if (path.size() == 3 && (path.get(0).equals("containers") && path.get(2).equals("attach")
                || path.get(0).equals("exec") && path.get(2).equals("start"))) {
            return HIJACK;
        }
        return OTHER;
    }

    /** The container name a create request asks for ({@code ?name=}), or null. */
    static String containerName(String uri) {
        List<String> names = new QueryStringDecoder(uri).parameters().get("name");
        return names == null || names.isEmpty() ? null : names.getFirst();
    }

    static List<String> segments(String uri) {
        String decoded;
        try {
            decoded = new QueryStringDecoder(uri).path();
        } catch (IllegalArgumentException e) {
            return List.of("?"); // undecodable: the engine cannot route it either
        }
        Deque<String> out = new ArrayDeque<>();
        for (String segment : decoded.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                out.pollLast();
            } else {
                out.addLast(segment);
            }
        }
        if (!out.isEmpty() && out.peekFirst().matches("v[0-9.]+")) {
            out.pollFirst();
        }
        return List.copyOf(out);
    }
}
