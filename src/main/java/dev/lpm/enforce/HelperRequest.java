package dev.lpm.enforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * What a client may ask the helper, one JSON object per line; nothing else exists:
 * <pre>
 * {"op":"status"}
 * {"op":"apply","ruleSet":"lockdown"}
 * {"op":"apply","ruleSet":"native-ports","from":4000,"to":4999}
 * {"op":"release","ruleSet":"lockdown"}
 * {"op":"release-all"}
 * </pre>
 * A field the op does not take, an unknown op or rule set, a number where none belongs or a bad port range
 * is a {@link BadRequestException}.
 */
public sealed interface HelperRequest {

    record Status() implements HelperRequest {}

    record Apply(AppliedRuleSet target) implements HelperRequest {}

    record Release(RuleSet ruleSet) implements HelperRequest {}

    record ReleaseAll() implements HelperRequest {}

    static HelperRequest parse(String line) throws BadRequestException {
        JsonNode node;
        try {
            node = WireJson.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("not one JSON object: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadRequestException("a request is one JSON object, e.g. {\"op\":\"status\"}");
        }
        JsonNode op = node.get("op");
        if (op == null || !op.isTextual()) {
            throw new BadRequestException("op must be one of status, apply, release, release-all");
        }
        switch (op.asText()) {
            case "status" -> {
                WireJson.requireOnly(node, Set.of("op"));
                return new Status();
            }
            case "apply" -> {
                return new Apply(WireJson.readRuleSet(node, Set.of("op")));
            }
            case "release" -> {
                WireJson.requireOnly(node, Set.of("op", "ruleSet"));
                return new Release(WireJson.ruleSet(node));
            }
            case "release-all" -> {
                WireJson.requireOnly(node, Set.of("op"));
                return new ReleaseAll();
            }
            default -> throw new BadRequestException("unknown op " + WireJson.quote(op.asText())
                    + "; known: status, apply, release, release-all");
        }
    }

    /** The request as one line of JSON (without the newline). */
    default String toJson() {
        ObjectNode node = WireJson.MAPPER.createObjectNode();
        switch (this) {
            case Status s -> node.put("op", "status");
            case Apply a -> node.put("op", "apply").setAll(WireJson.toNode(a.target()));
            case Release r -> node.put("op", "release").put("ruleSet", r.ruleSet().wireName());
            case ReleaseAll r -> node.put("op", "release-all");
        }
        return node.toString();
    }
}
