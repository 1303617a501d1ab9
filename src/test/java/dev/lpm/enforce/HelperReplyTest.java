package dev.lpm.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HelperReplyTest {

    @Test
    void aSuccessSaysWhatTheKernelHoldsAndWhatWasRemoved() throws Exception {
        HelperReply reply = HelperReply.success(List.of(AppliedRuleSet.of(RuleSet.LOCKDOWN),
                new AppliedRuleSet(RuleSet.NATIVE_PORTS, new PortRange(4000, 4999))), List.of("lockdown: removed x"));
        assertThat(reply.toJson()).isEqualTo("{\"ok\":true,\"applied\":[{\"ruleSet\":\"lockdown\"},{\"ruleSet\":\"native-ports\","
                + "\"from\":4000,\"to\":4999}],\"removed\":[\"lockdown: removed x\"]}");
        assertThat(HelperReply.parse(reply.toJson())).isEqualTo(reply);
    }

    @Test
    void anErrorHasAKindAndAMessage() throws Exception {
        HelperReply reply = HelperReply.error(HelperReply.ErrorKind.BAD_REQUEST, "unknown op \"x\"");
        assertThat(reply.toJson()).isEqualTo("{\"ok\":false,\"error\":{\"kind\":\"bad-request\",\"message\":\"unknown op \\\"x\\\"\"}}");
        assertThat(HelperReply.parse(reply.toJson())).isEqualTo(reply);
        assertThat(HelperReply.parse("{\"ok\":false,\"error\":{\"kind\":\"refused\",\"message\":\"no\"}}").errorKind())
                .isEqualTo(HelperReply.ErrorKind.REFUSED);
    }

    @Test
    void fieldsANewerHelperAddsAreIgnored() throws Exception {
        assertThat(HelperReply.parse("{\"ok\":true,\"applied\":[],\"removed\":[],\"version\":2}").ok()).isTrue();
    }
}
