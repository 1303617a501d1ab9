package dev.lpm.docker.apiguard;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpm.core.LoopbackAddress;
import dev.lpm.docker.command.ContainerLabels;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What lpm's Docker API guard does with the body of {@code POST /containers/create}: bind every
 * published port to loopback (always), refuse host networking and publish-all, and refuse
 * publishing anything while a VPN is up with the kill switch on (unless the container carries the
 * bypass label). Pure: JSON bytes in, a verdict out.
 */
final class CreateRequestRules {

    /** The engine only accepts these inside HostConfig in current APIs, but older ones read them at top level too. */
    private static final List<String> HOST_CONFIG_FIELDS = List.of("PortBindings", "NetworkMode", "PublishAllPorts");

    // Duplicate keys are refused: Go's decoder takes the last one, and we must judge what the engine sees.
    // Exact decimals: numbers we do not touch must reach the engine unchanged.
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    sealed interface Verdict {
        /**
         * Send {@code body} to the engine instead of what the client sent; when {@code sharedNetworkOf} is
         * not null (NetworkMode {@code container:X}) only once container X is known not to be exposed.
         */
        record Forward(byte[] body, List<String> changes, String sharedNetworkOf) implements Verdict {
            Forward(byte[] body, List<String> changes) {
                this(body, changes, null);
            }
        }

        /** Answer the client with {@code status} and {@code message}; the engine never sees the request. */
        record Refuse(int status, String message) implements Verdict {}
    }

    /** NetworkMode {@code container:X}: the new container joins X's network namespace and its exposure. */
    static final String SHARED_NETWORK = "container:";

    private CreateRequestRules() {}

    static Verdict check(byte[] body, String containerName, boolean vpnActive, boolean killSwitch) {
        return check(body, containerName, vpnActive, killSwitch, null);
    }

    /** As {@link #check(byte[], String, boolean, boolean)}, labelling the container as {@code service}'s when not null. */
    static Verdict check(byte[] body, String containerName, boolean vpnActive, boolean killSwitch, String service) {
        ObjectNode root;
        try {
            JsonNode node = body.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(body);
            if (!(node instanceof ObjectNode object)) {
                return new Verdict.Refuse(400, "lpm: the create request's body is not a JSON object");
            }
            root = object;
        } catch (JsonProcessingException e) {
            return new Verdict.Refuse(400, "lpm: the create request's body is not valid JSON (" + e.getOriginalMessage()
                    + "); duplicate keys are refused because the engine would read only the last one");
        } catch (java.io.IOException e) {
            return new Verdict.Refuse(400, "lpm: could not read the create request's body: " + e.getMessage());
        }
        try {
            return check(root, containerName, vpnActive, killSwitch, service);
        } catch (Ambiguous e) {
            return new Verdict.Refuse(400, "lpm: " + e.getMessage());
        }
    }

    private static Verdict check(ObjectNode root, String containerName, boolean vpnActive, boolean killSwitch,
                                 String service) {
        for (String field : HOST_CONFIG_FIELDS) {
            JsonNode legacy = field(root, field);
            if (legacy != null && !legacy.isNull()) {
                return new Verdict.Refuse(403, "lpm: " + field + " at the top level of a create request is refused;"
                        + " put it in HostConfig, where lpm checks it");
            }
        }
        JsonNode hostConfigNode = field(root, "HostConfig");
        ObjectNode hostConfig = hostConfigNode instanceof ObjectNode o ? o : null;
        if (hostConfigNode != null && !hostConfigNode.isNull() && hostConfig == null) {
            return new Verdict.Refuse(400, "lpm: HostConfig must be a JSON object");
        }
        List<String> changes = new ArrayList<>();
        int published = 0;
        String sharedNetworkOf = null;
        if (hostConfig != null) {
            JsonNode networkMode = field(hostConfig, "NetworkMode");
            String mode = networkMode == null || networkMode.isNull() ? "" : networkMode.asText();
            // The engine compares exactly ("host", "container:"); ignoring case here only refuses more.
            if (mode.strip().equalsIgnoreCase("host")) {
                return new Verdict.Refuse(403, "lpm: host networking (--network host) is refused: the container's"
                        + " ports would listen on every interface of this machine. Publish the ports it needs"
                        + " instead, e.g. -p 127.0.0.1:8080:80");
            }
            if (mode.regionMatches(true, 0, SHARED_NETWORK, 0, SHARED_NETWORK.length())) {
                sharedNetworkOf = mode.substring(SHARED_NETWORK.length());
            }
            JsonNode publishAll = field(hostConfig, "PublishAllPorts");
            if (publishAll != null && !publishAll.isNull() && !(publishAll.isBoolean() && !publishAll.booleanValue())) {
                return new Verdict.Refuse(403, "lpm: publishing all ports (-P, --publish-all) is refused: Docker"
                        + " binds them to every interface. Publish each port on loopback instead, e.g."
                        + " -p 127.0.0.1:8080:80");
            }
            JsonNode bindings = field(hostConfig, "PortBindings");
            if (bindings != null && !bindings.isNull()) {
                if (!(bindings instanceof ObjectNode ports)) {
                    return new Verdict.Refuse(400, "lpm: HostConfig.PortBindings must be a JSON object");
                }
                for (Map.Entry<String, JsonNode> port : ports.properties()) {
                    if (port.getValue().isNull()) {
                        continue;
                    }
                    if (!port.getValue().isArray()) {
                        return new Verdict.Refuse(400, "lpm: PortBindings[" + port.getKey() + "] must be a list");
                    }
                    for (JsonNode binding : port.getValue()) {
                        if (!(binding instanceof ObjectNode b)) {
                            return new Verdict.Refuse(400, "lpm: a port binding must be a JSON object");
                        }
                        published++;
                        String ipField = fieldName(b, "HostIp");
                        String before = ipField == null || b.get(ipField).isNull() ? "" : b.get(ipField).asText();
                        String after = LoopbackAddress.canonicalOrLoopbackOfFamily(before);
                        if (!after.equals(before)) {
                            b.put(ipField == null ? "HostIp" : ipField, after);
                            changes.add(port.getKey() + ": " + (before.isEmpty() ? "all interfaces" : before)
                                    + " -> " + after);
                        }
                    }
                }
            }
        }
        ObjectNode labels = labels(root);
        boolean bypass = ContainerLabels.BYPASS.equals(labels.path(ContainerLabels.KILL_SWITCH).asText(null));
        if (published > 0 && vpnActive && killSwitch && !bypass) {
            return new Verdict.Refuse(403, "lpm: " + blockMessage(containerName) + " To run it anyway, add"
                    + " --label " + ContainerLabels.KILL_SWITCH + "=" + ContainerLabels.BYPASS + " (its ports stay on loopback).");
        }
        labels.put(ContainerLabels.VIA_API_GUARD, "true");
        if (service != null) {
            // The guard knows the caller's service from its process, which a label in the request cannot fake.
            labels.put(ContainerLabels.SERVICE, service);
        }
        try {
            return new Verdict.Forward(MAPPER.writeValueAsBytes(root), List.copyOf(changes), sharedNetworkOf);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree could not be written back", e);
        }
    }

    /** The seed's kill-switch message (as SecurityPolicy.blockMessage), for a container instead of a service. */
    static String blockMessage(String containerName) {
        String who = containerName == null || containerName.isBlank() ? "Container" : "Container '" + containerName + "'";
        return "SECURITY BLOCK: " + who + " — Docker containers with exposed ports are BLOCKED when VPN is active."
                + " Reason: MITM attack risk through VPN tunnel manipulation.";
    }

    private static ObjectNode labels(ObjectNode root) {
        String name = fieldName(root, "Labels");
        JsonNode labels = name == null ? null : root.get(name);
        if (labels instanceof ObjectNode o) {
            return o;
        }
        ObjectNode fresh = root.objectNode();
        root.set(name == null ? "Labels" : name, fresh);
        return fresh;
    }

    static JsonNode field(ObjectNode object, String name) {
        String actual = fieldName(object, name);
        return actual == null ? null : object.get(actual);
    }

    /**
     * The key the engine would read as struct field {@code name}: Go matches JSON keys to struct
     * fields ignoring case, so "hostconfig" is HostConfig too. Two spellings of one field are refused.
     */
    static String fieldName(ObjectNode object, String name) {
        String found = null;
        for (Iterator<String> keys = object.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            // equalsIgnoreCase also folds the long s and the Kelvin sign, as Go's EqualFold does.
            if (key.equalsIgnoreCase(name)) {
                if (found != null) {
                    throw new Ambiguous("the request spells " + name + " twice (" + found + ", " + key + ")");
                }
                found = key;
            }
        }
        return found;
    }

    static final class Ambiguous extends RuntimeException {
        Ambiguous(String message) {
            super(message, null, false, false);
        }
    }
}
