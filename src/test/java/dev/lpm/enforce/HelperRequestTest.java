package dev.lpm.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The helper's five requests, and everything else a client might send, which must be refused with a reason. */
class HelperRequestTest {

    static List<Object[]> validRequests() {
        return List.of(
                new Object[] {"{\"op\":\"status\"}", new HelperRequest.Status()},
                new Object[] {"{\"op\":\"apply\",\"ruleSet\":\"lockdown\"}",
                        new HelperRequest.Apply(AppliedRuleSet.of(RuleSet.LOCKDOWN))},
                new Object[] {"{\"op\":\"apply\",\"ruleSet\":\"legacy-engine-guard\"}",
                        new HelperRequest.Apply(AppliedRuleSet.of(RuleSet.LEGACY_ENGINE_GUARD))},
                new Object[] {"{\"op\":\"apply\",\"ruleSet\":\"native-ports\",\"from\":4000,\"to\":4999}",
                        new HelperRequest.Apply(new AppliedRuleSet(RuleSet.NATIVE_PORTS, new PortRange(4000, 4999)))},
                new Object[] {"{\"op\":\"release\",\"ruleSet\":\"native-ports\"}", new HelperRequest.Release(RuleSet.NATIVE_PORTS)},
                new Object[] {"{\"op\":\"release-all\"}", new HelperRequest.ReleaseAll()},
                new Object[] {"{\"op\":\"hosts\",\"names\":[\"api\",\"my-web\"]}",
                        new HelperRequest.Hosts(List.of("api", "my-web"))},
                new Object[] {"{\"op\":\"hosts\",\"names\":[]}", new HelperRequest.Hosts(List.of())},
                new Object[] {" { \"to\" : 65535 , \"from\" : 1024, \"ruleSet\":\"native-ports\", \"op\":\"apply\" } ",
                        new HelperRequest.Apply(new AppliedRuleSet(RuleSet.NATIVE_PORTS, new PortRange(1024, 65535)))});
    }

    @ParameterizedTest
    @MethodSource("validRequests")
    void theFixedRequestsParseAndWriteBackTheSame(String line, HelperRequest expected) throws Exception {
        assertThat(HelperRequest.parse(line)).isEqualTo(expected);
        assertThat(HelperRequest.parse(expected.toJson())).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not json                                                                    | not one JSON object",
        "[]                                                                          | a request is one JSON object",
        "`\"status\"`                                                                | a request is one JSON object",
        "{}                                                                          | op must be one of",
        "{\"op\":5}                                                                  | op must be one of",
        "{\"op\":null}                                                               | op must be one of",
        "{\"op\":\"shutdown\"}                                                       | unknown op \"shutdown\"",
        "{\"op\":\"status\",\"verbose\":true}                                        | unknown field \"verbose\"",
        "{\"op\":\"status\",\"op\":\"release-all\"}                                  | Duplicate field 'op'",
        "{\"op\":\"status\"} {\"op\":\"release-all\"}                                | not one JSON object",
        "{\"op\":\"status\"}x                                                        | not one JSON object",
        "{\"op\":\"apply\"}                                                          | ruleSet must be one of",
        "{\"op\":\"apply\",\"ruleSet\":null}                                         | ruleSet must be one of",
        "{\"op\":\"apply\",\"ruleSet\":[\"lockdown\"]}                               | ruleSet must be one of",
        "{\"op\":\"apply\",\"ruleSet\":\"everything\"}                               | unknown ruleSet \"everything\"",
        "{\"op\":\"apply\",\"ruleSet\":\"LOCKDOWN\"}                                 | unknown ruleSet \"LOCKDOWN\"",
        "{\"op\":\"apply\",\"ruleSet\":\"lockdown\",\"from\":4000,\"to\":4999}       | lockdown takes no ports",
        "{\"op\":\"apply\",\"ruleSet\":\"lockdown\",\"chain\":\"INPUT\"}             | unknown field \"chain\"",
        "{\"op\":\"apply\",\"ruleSet\":\"lockdown\",\"interface\":\"eth0\"}          | unknown field \"interface\"",
        "{\"op\":\"apply\",\"ruleSet\":\"native-ports\"}                             | needs from as a whole number",
        "{\"op\":\"apply\",\"ruleSet\":\"native-ports\",\"from\":4000}               | needs to as a whole number",
        "{\"op\":\"apply\",\"ruleSet\":\"native-ports\",\"from\":\"4000\",\"to\":4999} | needs from as a whole number",
        "{\"op\":\"apply\",\"ruleSet\":\"native-ports\",\"from\":4000.0,\"to\":4999}  | needs from as a whole number",
        "{\"op\":\"apply\",\"ruleSet\":\"native-ports\",\"from\":4000,\"to\":1e4}    | needs to as a whole number",
        "{\"op\":\"apply\",\"ruleSet\":\"native-ports\",\"from\":9999999999,\"to\":1} | needs from as a whole number",
        "{\"op\":\"apply\",\"ruleSet\":\"native-ports\",\"from\":80,\"to\":90}       | within 1024-65535",
        "{\"op\":\"apply\",\"ruleSet\":\"native-ports\",\"from\":5000,\"to\":4000}   | with from <= to, not 5000-4000",
        "{\"op\":\"apply\",\"ruleSet\":\"native-ports\",\"from\":4000,\"to\":65536}  | within 1024-65535",
        "{\"op\":\"apply\",\"ruleSet\":\"native-ports\",\"from\":-1,\"to\":4000}     | within 1024-65535",
        "{\"op\":\"apply\",\"ruleSet\":\"native-ports\",\"from\":4000,\"to\":4999,\"proto\":\"tcp\"} | unknown field \"proto\"",
        "{\"op\":\"release\"}                                                        | ruleSet must be one of",
        "{\"op\":\"release\",\"ruleSet\":\"native-ports\",\"from\":4000}             | unknown field \"from\"",
        "{\"op\":\"release-all\",\"ruleSet\":\"lockdown\"}                           | unknown field \"ruleSet\"",
        "{\"op\":\"hosts\"}                                                          | hosts takes \"names\"",
        "{\"op\":\"hosts\",\"names\":\"api\"}                                        | hosts takes \"names\"",
        "{\"op\":\"hosts\",\"names\":[\"api.evil\"]}                                 | is not a service name",
        "{\"op\":\"hosts\",\"names\":[\"api\\n10.0.0.1 bank\"]}                         | is not a service name",
        "{\"op\":\"hosts\",\"names\":[\"-api\"]}                                     | is not a service name",
        "{\"op\":\"hosts\",\"names\":[null]}                                       | is not a service name",
        "{\"op\":\"hosts\",\"names\":[\"a\",\"a\"]}                                    | named twice",
        "{\"op\":\"hosts\",\"names\":[],\"file\":\"/etc/shadow\"}                      | unknown field \"file\"",
    })
    void everythingElseIsABadRequestThatSaysWhy(String line, String reason) {
        assertThatThrownBy(() -> HelperRequest.parse(line)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lockdown; iptables -F", "$(reboot)", "lockdown\n-j ACCEPT", "../../etc/passwd"})
    void aClientsTextComesBackQuotedAndShort(String hostile) {
        String line = WireJson.MAPPER.createObjectNode().put("op", "apply").put("ruleSet", hostile).toString();
        assertThatThrownBy(() -> HelperRequest.parse(line)).isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("unknown ruleSet \"").hasMessageNotContaining("\n");
        String longName = "x".repeat(1000);
        String longOp = WireJson.MAPPER.createObjectNode().put("op", longName).toString();
        assertThatThrownBy(() -> HelperRequest.parse(longOp)).hasMessageContaining("\"" + "x".repeat(40) + "...\"")
                .hasMessageNotContaining("x".repeat(41));
    }
}
