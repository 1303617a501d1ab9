package dev.lpm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpm.core.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyPortChoiceTest {

    private final Settings settings = Settings.DEFAULTS.edit(b -> b.proxyPort = 2000);

    @Test
    void optionBeatsEnvironmentBeatsSettings() {
        assertThat(ProxyPortChoice.choose(3000, Map.of("LPM_PROXY_PORT", "4000"), settings)).isEqualTo(3000);
        assertThat(ProxyPortChoice.choose(null, Map.of("LPM_PROXY_PORT", " 4000 "), settings)).isEqualTo(4000);
        assertThat(ProxyPortChoice.choose(null, Map.of(), settings)).isEqualTo(2000);
        assertThat(ProxyPortChoice.choose(null, Map.of(), Settings.DEFAULTS)).isEqualTo(1355);
    }

    @Test
    void nonsenseIsRefusedNamingItsSource() {
        assertThatThrownBy(() -> ProxyPortChoice.choose(null, Map.of("LPM_PROXY_PORT", "http"), settings))
                .hasMessageContaining("LPM_PROXY_PORT='http'");
        assertThatThrownBy(() -> ProxyPortChoice.choose(70000, Map.of(), settings))
                .hasMessageContaining("--proxy-port 70000");
    }
}
