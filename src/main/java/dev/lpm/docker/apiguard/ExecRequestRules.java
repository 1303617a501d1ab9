package dev.lpm.docker.apiguard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the guard does with the body of {@code POST /containers/{id}/exec}: a privileged exec is
 * refused unless the setting allows it (it could change the container's network or firewall, or
 * reach the host's devices). The body is judged as the engine's decoder reads it: keys ignoring
 * case, duplicates refused. The body is forwarded unchanged.
 */
final class ExecRequestRules {

    static final String SETTING = "allowPrivilegedExec";

    private ExecRequestRules() {}

    static CreateRequestRules.Verdict check(byte[] body, boolean allowPrivileged) {
        JsonNode node;
        try {
            node = body.length == 0 ? CreateRequestRules.MAPPER.createObjectNode() : CreateRequestRules.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return new CreateRequestRules.Verdict.Refuse(400, "lpm: the exec request's body is not valid JSON ("
                    + e.getOriginalMessage() + "); duplicate keys are refused because the engine would read only the last one");
        } catch (java.io.IOException e) {
            return new CreateRequestRules.Verdict.Refuse(400, "lpm: could not read the exec request's body: " + e.getMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            return new CreateRequestRules.Verdict.Refuse(400, "lpm: the exec request's body is not a JSON object");
        }
        JsonNode privileged;
        try {
            privileged = CreateRequestRules.field(object, "Privileged");
        } catch (CreateRequestRules.Ambiguous e) {
            return new CreateRequestRules.Verdict.Refuse(400, "lpm: " + e.getMessage());
        }
        boolean asked = privileged != null && !privileged.isNull() && !(privileged.isBoolean() && !privileged.booleanValue());
        if (asked && !allowPrivileged) {
            return new CreateRequestRules.Verdict.Refuse(403, "lpm: a privileged exec (docker exec --privileged) is"
                    + " refused: it could change the container's network and reach the host's devices. Set \""
                    + SETTING + "\": true in settings.json to allow it");
        }
        return new CreateRequestRules.Verdict.Forward(body, java.util.List.of());
    }
}
