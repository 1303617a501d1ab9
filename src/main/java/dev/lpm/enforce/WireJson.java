package dev.lpm.enforce;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The JSON of the helper's protocol and state file: one strict mapper (a key given twice or anything after
 * the value is an error) and the one shape of a rule set, {@code {"ruleSet":"native-ports","from":4000,"to":4999}}.
 */
public final class WireJson {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final int QUOTED_MAX = 40;

    private WireJson() {}

    public static ObjectNode toNode(AppliedRuleSet set) {
        ObjectNode node = MAPPER.createObjectNode().put("ruleSet", set.ruleSet().wireName());
        if (set.ports() != null) {
            node.put("from", set.ports().from()).put("to", set.ports().to());
        }
        return node;
    }

    /** Reads a rule set from {@code node}, whose fields may be {@code extra} besides ruleSet, from and to. */
    public static AppliedRuleSet readRuleSet(JsonNode node, Set<String> extra) throws BadRequestException {
        if (node == null || !node.isObject()) {
            throw new BadRequestException("a rule set must be a JSON object");
        }
        requireOnly(node, union(extra, Set.of("ruleSet", "from", "to")));
        RuleSet set = ruleSet(node);
        if (!set.takesPorts()) {
            if (node.has("from") || node.has("to")) {
                throw new BadRequestException(set.wireName() + " takes no ports (from, to)");
            }
            return AppliedRuleSet.of(set);
        }
        int from = port(node, "from", set);
        int to = port(node, "to", set);
        try {
            return new AppliedRuleSet(set, new PortRange(from, to));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /** The field {@code ruleSet}: one of the known wire names. */
    public static RuleSet ruleSet(JsonNode node) throws BadRequestException {
        JsonNode name = node.get("ruleSet");
        if (name == null || !name.isTextual()) {
            throw new BadRequestException("ruleSet must be one of " + wireNames());
        }
        return RuleSet.fromWire(name.asText()).orElseThrow(() -> new BadRequestException(
                "unknown ruleSet " + quote(name.asText()) + "; known: " + wireNames()));
    }

    /** Refuses any field of {@code node} not in {@code allowed}. */
    public static void requireOnly(JsonNode node, Set<String> allowed) throws BadRequestException {
        for (String field : (Iterable<String>) node::fieldNames) {
            if (!allowed.contains(field)) {
                throw new BadRequestException("unknown field " + quote(field) + "; allowed here: "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    /** A client's text in a message: JSON-quoted (no control characters) and cut short. */
    public static String quote(String text) {
        String cut = text.length() > QUOTED_MAX ? text.substring(0, QUOTED_MAX) + "..." : text;
        try {
            return MAPPER.writeValueAsString(cut);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "(unprintable)";
        }
    }

    private static int port(JsonNode node, String field, RuleSet set) throws BadRequestException {
        JsonNode value = node.get(field);
        if (value == null || !value.isInt()) {
            throw new BadRequestException(set.wireName() + " needs " + field + " as a whole number between "
                    + PortRange.LOWEST + " and " + PortRange.HIGHEST);
        }
        return value.intValue();
    }

    private static List<String> wireNames() {
        List<String> names = new ArrayList<>();
        for (RuleSet set : RuleSet.values()) {
            names.add(set.wireName());
        }
        return names;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
