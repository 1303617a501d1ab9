package dev.lpm.enforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lpm.enforce.hosts.HostsBlock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a client may ask the helper, one JSON object per line; nothing else exists:
 * <pre>
 * {"op":"status"}
 * {"op":"apply","ruleSet":"lockdown"}
 * {"op":"apply","ruleSet":"native-ports","from":4000,"to":4999}
 * {"op":"release","ruleSet":"lockdown"}
 * {"op":"release-all"}
 * {"op":"hosts","names":["api","web"]}
 * </pre>
 * {@code hosts} writes lpm's block in the helper's hosts file ({@code lpm helper --hosts-file}, /etc/hosts by
 * default) with one 127.0.0.1 and one ::1 line per name ({@link HostsBlock}); no names: the block is removed.
 * Each name must be a DNS label (what a service name is), at most {@link #MAX_HOST_NAMES} of them, none twice.
 * A field the op does not take, an unknown op or rule set, a number where none belongs or a bad port range
 * is a {@link BadRequestException}.
 */
public sealed interface HelperRequest {

    record Status() implements HelperRequest {}

    record Apply(AppliedRuleSet target) implements HelperRequest {}

    record Release(RuleSet ruleSet) implements HelperRequest {}

    record ReleaseAll() implements HelperRequest {}

    /** The names lpm's hosts block should hold, validated: the helper writes nothing else. */
    record Hosts(List<String> names) implements HelperRequest {
        public Hosts {
            names = List.copyOf(names);
        }
    }

    /** More names than any instance registers; the file stays small however the caller behaves. */
    int MAX_HOST_NAMES = 4096;

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
            throw new BadRequestException("op must be one of status, apply, release, release-all, hosts");
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
            case "hosts" -> {
                WireJson.requireOnly(node, Set.of("op", "names"));
                return new Hosts(hostNames(node.get("names")));
            }
            default -> throw new BadRequestException("unknown op " + WireJson.quote(op.asText())
                    + "; known: status, apply, release, release-all, hosts");
        }
    }

    private static List<String> hostNames(JsonNode names) throws BadRequestException {
        if (names == null || !names.isArray()) {
            throw new BadRequestException("hosts takes \"names\": an array of service names");
        }
        if (names.size() > MAX_HOST_NAMES) {
            throw new BadRequestException("hosts takes at most " + MAX_HOST_NAMES + " names, got " + names.size());
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode name : names) {
            if (!name.isTextual() || !HostsBlock.isServiceLabel(name.asText())) {
                throw new BadRequestException("hosts: " + WireJson.quote(name.toString()) + " is not a service name"
                        + " (a DNS label: a-z, 0-9 and '-', 1-63 characters)");
            }
            if (!seen.add(name.asText())) {
                throw new BadRequestException("hosts: " + WireJson.quote(name.asText()) + " is named twice");
            }
            out.add(name.asText());
        }
        return out;
    }

    /** The request as one line of JSON (without the newline). */
    default String toJson() {
        ObjectNode node = WireJson.MAPPER.createObjectNode();
        switch (this) {
            case Status s -> node.put("op", "status");
            case Apply a -> node.put("op", "apply").setAll(WireJson.toNode(a.target()));
            case Release r -> node.put("op", "release").put("ruleSet", r.ruleSet().wireName());
            case ReleaseAll r -> node.put("op", "release-all");
            case Hosts h -> h.names().forEach(node.put("op", "hosts").putArray("names")::add);
        }
        return node.toString();
    }
}
