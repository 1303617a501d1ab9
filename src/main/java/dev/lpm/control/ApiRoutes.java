package dev.lpm.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpm.storage.Json;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.QueryStringEncoder;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of the HTTP API: each route ({@code METHOD /v1/...}) and the {@link ControlRequest} it
 * carries, both ways: {@link #decode} for the server, {@link #encode} for the client. The OpenAPI
 * document ({@link #OPENAPI_RESOURCE}) describes the same routes; a test keeps the two in step.
 */
public final class ApiRoutes {

    public static final String OPENAPI_RESOURCE = "/dev/lpm/control/openapi.json";
    public static final String OPENAPI_PATH = "/v1/openapi.json";
    public static final String EVENTS_PATH = "/v1/events";

    private static final ObjectMapper MAPPER = Json.mapper();

    /** What a route turns into a request. */
    @FunctionalInterface
    private interface Factory {
        ControlRequest make(Map<String, String> path, Map<String, List<String>> query, JsonNode body) throws IOException;
    }

    /** One route: {@code template} has {@code {name}} segments. */
    public record Route(String method, String template, Factory factory) {}

    /** A request as it goes on the wire. */
    public record HttpCall(String method, String uri, JsonNode body) {}

    private static final List<Route> ROUTES = List.of(
            new Route("GET", "/v1/services", (p, q, b) -> new ControlRequest.ListServices()),
            new Route("POST", "/v1/services", (p, q, b) -> MAPPER.treeToValue(required(b), ControlRequest.Register.class)),
            new Route("POST", "/v1/runs", (p, q, b) -> MAPPER.treeToValue(required(b), ControlRequest.Run.class)),
            new Route("GET", "/v1/services/{name}", (p, q, b) -> new ControlRequest.GetService(p.get("name"))),
            new Route("DELETE", "/v1/services/{name}", (p, q, b) -> new ControlRequest.Unregister(p.get("name"))),
            new Route("POST", "/v1/services/{name}/start", (p, q, b) -> new ControlRequest.Start(p.get("name"))),
            new Route("POST", "/v1/services/{name}/stop", (p, q, b) -> new ControlRequest.Stop(p.get("name"))),
            new Route("POST", "/v1/services/{name}/restart", (p, q, b) -> new ControlRequest.Restart(p.get("name"))),
            new Route("GET", "/v1/services/{name}/logs", (p, q, b) -> new ControlRequest.Logs(p.get("name"),
                    intParam(q, "lines", 100), boolParam(q, "follow"))),
            new Route("GET", "/v1/services/{name}/url", (p, q, b) -> new ControlRequest.Url(p.get("name"))),
            new Route("POST", "/v1/aliases", (p, q, b) -> MAPPER.treeToValue(required(b), AliasBody.class).request()),
            new Route("GET", "/v1/status", (p, q, b) -> new ControlRequest.Status()),
            new Route("GET", "/v1/security", (p, q, b) -> new ControlRequest.Security()),
            new Route("GET", "/v1/trust", (p, q, b) -> new ControlRequest.TrustStatus()),
            new Route("GET", "/v1/docker-host", (p, q, b) -> new ControlRequest.DockerHost()),
            new Route("POST", "/v1/window/show", (p, q, b) -> new ControlRequest.Show()),
            new Route("POST", "/v1/firewall/unlock", (p, q, b) -> new ControlRequest.Unlock()),
            new Route("GET", "/v1/blocked", (p, q, b) -> new ControlRequest.Blocked()),
            new Route("POST", "/v1/blocked/{container}/resume", (p, q, b) -> new ControlRequest.Resume(p.get("container"))),
            new Route("GET", "/v1/kill-switch", (p, q, b) -> new ControlRequest.KillSwitch(null)),
            new Route("PUT", "/v1/kill-switch", (p, q, b) -> new ControlRequest.KillSwitch(
                    MAPPER.treeToValue(required(b), KillSwitchBody.class).enabled())),
            new Route("GET", "/v1/settings", (p, q, b) -> new ControlRequest.GetSettings()),
            new Route("PUT", "/v1/settings/{key}", (p, q, b) -> new ControlRequest.SetSetting(p.get("key"),
                    MAPPER.treeToValue(required(b), SettingBody.class).value())),
            new Route("GET", EVENTS_PATH, (p, q, b) -> new ControlRequest.Events()));

    /** {@code port} is required: an alias names a port something else listens on. */
    private record AliasBody(String name, Integer port) {
        ControlRequest.Alias request() {
            if (port == null) {
                throw new IllegalArgumentException("an alias needs \"port\": the port the service listens on");
            }
            return new ControlRequest.Alias(name, port);
        }
    }

    private record KillSwitchBody(Boolean enabled) {
        KillSwitchBody {
            if (enabled == null) {
                throw new IllegalArgumentException("give {\"enabled\": true} or {\"enabled\": false}");
            }
        }
    }

    private record SettingBody(String value) {
        SettingBody {
            if (value == null) {
                throw new IllegalArgumentException("give the new value as {\"value\": \"...\"} (a string)");
            }
        }
    }

    private ApiRoutes() {}

    /** Every route as {@code "METHOD TEMPLATE"}, plus the OpenAPI document's own. */
    public static List<String> all() {
        List<String> all = new ArrayList<>(ROUTES.stream().map(r -> r.method() + " " + r.template()).toList());
        all.add("GET " + OPENAPI_PATH);
        return all;
    }

    /** The route a request path matches, with its path parameters; empty when none does. */
    public static Optional<Matched> match(String method, String rawPath) {
        String[] parts = split(rawPath);
        boolean pathKnown = false;
        for (Route route : ROUTES) {
            Map<String, String> params = params(route.template(), parts);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(method)) {
                return Optional.of(new Matched(route, params));
            }
        }
        if (pathKnown) {
            throw new MethodNotAllowed(method + " is not allowed on " + rawPath);
        }
        return Optional.empty();
    }

    /** A matched route and its parameters. */
    public record Matched(Route route, Map<String, String> params) {

        /** The request; bad parameters or body: IllegalArgumentException with a message for the user. */
        public ControlRequest request(Map<String, List<String>> query, JsonNode body) {
            try {
                return route.factory().make(params, query, body);
            } catch (IOException e) {
                throw new IllegalArgumentException("the request body does not fit " + route.method() + " "
                        + route.template() + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    /** The path is known but not for this method. */
    public static final class MethodNotAllowed extends RuntimeException {
        MethodNotAllowed(String message) {
            super(message);
        }
    }

    /** The route for a request, as the client sends it. */
    public static HttpCall encode(ControlRequest request) {
        return switch (request) {
            case ControlRequest.ListServices l -> new HttpCall("GET", "/v1/services", null);
            case ControlRequest.Register r -> new HttpCall("POST", "/v1/services", MAPPER.valueToTree(r));
            case ControlRequest.Run r -> new HttpCall("POST", "/v1/runs", MAPPER.valueToTree(r));
            case ControlRequest.GetService g -> new HttpCall("GET", service(g.name()), null);
            case ControlRequest.Unregister u -> new HttpCall("DELETE", service(u.name()), null);
            case ControlRequest.Start s -> new HttpCall("POST", service(s.name()) + "/start", null);
            case ControlRequest.Stop s -> new HttpCall("POST", service(s.name()) + "/stop", null);
            case ControlRequest.Restart r -> new HttpCall("POST", service(r.name()) + "/restart", null);
            case ControlRequest.Logs l -> {
                QueryStringEncoder uri = new QueryStringEncoder(service(l.name()) + "/logs");
                uri.addParam("lines", Integer.toString(l.lines()));
                uri.addParam("follow", Boolean.toString(l.follow()));
                yield new HttpCall("GET", uri.toString(), null);
            }
            case ControlRequest.Url u -> new HttpCall("GET", service(u.name()) + "/url", null);
            case ControlRequest.Alias a -> new HttpCall("POST", "/v1/aliases", object().put("name", a.name())
                    .put("port", a.port()));
            case ControlRequest.Status s -> new HttpCall("GET", "/v1/status", null);
            case ControlRequest.Security s -> new HttpCall("GET", "/v1/security", null);
            case ControlRequest.TrustStatus t -> new HttpCall("GET", "/v1/trust", null);
            case ControlRequest.DockerHost d -> new HttpCall("GET", "/v1/docker-host", null);
            case ControlRequest.Show s -> new HttpCall("POST", "/v1/window/show", null);
            case ControlRequest.Unlock u -> new HttpCall("POST", "/v1/firewall/unlock", null);
            case ControlRequest.Blocked b -> new HttpCall("GET", "/v1/blocked", null);
            case ControlRequest.Resume r -> new HttpCall("POST", "/v1/blocked/" + segment(r.container()) + "/resume", null);
            case ControlRequest.KillSwitch k -> k.on() == null ? new HttpCall("GET", "/v1/kill-switch", null)
                    : new HttpCall("PUT", "/v1/kill-switch", object().put("enabled", k.on()));
            case ControlRequest.GetSettings g -> new HttpCall("GET", "/v1/settings", null);
            case ControlRequest.SetSetting s -> new HttpCall("PUT", "/v1/settings/" + segment(s.key()),
                    object().put("value", s.value()));
            case ControlRequest.Events e -> new HttpCall("GET", EVENTS_PATH, null);
        };
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static String service(String name) {
        return "/v1/services/" + segment(name);
    }

    private static String segment(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a name is missing");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode required(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("this route needs a JSON object as its body");
        }
        return body;
    }

    private static String[] split(String rawPath) {
        String trimmed = rawPath.endsWith("/") && rawPath.length() > 1 ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        return trimmed.split("/", -1);
    }

    private static Map<String, String> params(String template, String[] parts) {
        String[] want = template.split("/", -1);
        if (want.length != parts.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{")) {
                String value = QueryStringDecoder.decodeComponent(parts[i]);
                if (value.isEmpty()) {
                    return null;
                }
                params.put(want[i].substring(1, want[i].length() - 1), value);
            } else if (!want[i].equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    private static int intParam(Map<String, List<String>> query, String name, int absent) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(values.getFirst());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of 0 or more, not '" + values.getFirst() + "'");
        }
    }

    private static boolean boolParam(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return false;
        }
        return switch (values.getFirst()) {
            case "true", "1", "" -> true;
            case "false", "0" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not '" + values.getFirst() + "'");
        };
    }
}
