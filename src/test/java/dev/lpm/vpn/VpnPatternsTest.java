package dev.lpm.vpn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.lpm.core.VpnPatterns;
import dev.lpm.storage.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** VpnPatterns is read from settings.json: every field optional, defaults per field, bad regexes rejected. */
class VpnPatternsTest {

    @Test
    void defaultsHoldTheIssuesPatterns() {
        assertThat(VpnPatterns.DEFAULTS.interfaceNames()).contains("tun\\d+", "wg\\d*-\\w+", "utun\\d+", "zt\\w+");
        assertThat(VpnPatterns.DEFAULTS.nameSubstrings()).containsExactly("proton", "nord");
        assertThat(VpnPatterns.DEFAULTS.processes()).contains("openvpn", "charon", "mullvad-daemon", "tailscaled");
    }

    @Test
    void missingFieldsTakeTheirDefaults() throws Exception {
        VpnPatterns p = Json.mapper().readValue("{\"processes\":[\"myvpnd\"]}", VpnPatterns.class);
        assertThat(p.processes()).containsExactly("myvpnd");
        assertThat(p.interfaceNames()).isEqualTo(VpnPatterns.DEFAULTS.interfaceNames());
        assertThat(Json.mapper().readValue("{}", VpnPatterns.class)).isEqualTo(VpnPatterns.DEFAULTS);
    }

    @Test
    void anInvalidVpnRangeIsRejectedWhenTheRulesAreBuilt() {
        VpnPatterns p = new VpnPatterns(null, null, null, null, List.of("10.0.0.0/x"), null, null, null);
        assertThatThrownBy(() -> new VpnRules(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10.0.0.0/x");
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        String json = Json.mapper().writeValueAsString(VpnPatterns.DEFAULTS);
        assertThat(Json.mapper().readValue(json, VpnPatterns.class)).isEqualTo(VpnPatterns.DEFAULTS);
    }

    @Test
    void anInvalidRegexIsRejectedWithItsText() {
        assertThatThrownBy(() -> new VpnPatterns(List.of("tun(\\d+"), null, null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tun(\\d+");
        assertThatThrownBy(() -> Json.mapper().readValue("{\"decoyInterfaces\":[\"[\"]}", VpnPatterns.class))
                .isInstanceOf(ValueInstantiationException.class);
    }
}
