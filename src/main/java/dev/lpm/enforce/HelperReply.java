package dev.lpm.enforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The helper's answer, one JSON object per line:
 * {@code {"ok":true,"applied":[{"ruleSet":"native-ports","from":4000,"to":4999}],"removed":["..."]}} or
 * {@code {"ok":false,"error":{"kind":"refused|bad-request|failed","message":"..."}}}. {@code applied} is
 * what the kernel holds after the request; {@code removed} what a release took away.
 */
public record HelperReply(boolean ok, List<AppliedRuleSet> applied, List<String> removed, ErrorKind errorKind,
                          String message) {

    public enum ErrorKind {
        REFUSED("refused"), BAD_REQUEST("bad-request"), FAILED("failed");

        private final String wireName;

        ErrorKind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static ErrorKind fromWire(String name) {
            for (ErrorKind kind : values()) {
                if (kind.wireName.equals(name)) {
                    return kind;
                }
            }
            return FAILED;
        }
    }

    public HelperReply {
        applied = List.copyOf(applied);
        removed = List.copyOf(removed);
    }

    public static HelperReply success(List<AppliedRuleSet> applied, List<String> removed) {
        return new HelperReply(true, applied, removed, null, null);
    }

    public static HelperReply error(ErrorKind kind, String message) {
        return new HelperReply(false, List.of(), List.of(), kind, message);
    }

    public String toJson() {
        ObjectNode node = WireJson.MAPPER.createObjectNode().put("ok", ok);
        if (ok) {
            ArrayNode sets = node.putArray("applied");
            applied.forEach(a -> sets.add(WireJson.toNode(a)));
            ArrayNode lines = node.putArray("removed");
            removed.forEach(lines::add);
        } else {
            node.putObject("error").put("kind", errorKind.wireName()).put("message", message);
        }
        return node.toString();
    }

    /** Reads a reply; top-level fields a newer helper may add are ignored. */
    public static HelperReply parse(String line) throws BadRequestException {
        JsonNode node;
        try {
            node = WireJson.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the helper's reply is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject() || !node.path("ok").isBoolean()) {
            throw new BadRequestException("the helper's reply has no \"ok\"");
        }
        if (!node.get("ok").booleanValue()) {
            JsonNode error = node.path("error");
            return error(ErrorKind.fromWire(error.path("kind").asText("failed")),
                    error.path("message").asText("the helper gave no reason"));
        }
        List<AppliedRuleSet> applied = new ArrayList<>();
        for (JsonNode set : node.path("applied")) {
            applied.add(WireJson.readRuleSet(set, Set.of()));
        }
        List<String> removed = new ArrayList<>();
        node.path("removed").forEach(line1 -> removed.add(line1.asText()));
        return success(applied, removed);
    }
}
