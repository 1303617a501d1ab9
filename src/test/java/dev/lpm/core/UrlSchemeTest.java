package dev.lpm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UrlSchemeTest {

    private static final ServiceName WEB = ServiceName.of("web");

    @Test
    void autoIsHttpsOnlyOnceTheCaIsTrusted() {
        assertThat(Settings.DEFAULTS.urlScheme()).isEqualTo(UrlScheme.AUTO);
        assertThat(Settings.DEFAULTS.urlOf(WEB, false)).isEqualTo("http://web.localhost:1355");
        assertThat(Settings.DEFAULTS.urlOf(WEB, true)).isEqualTo("https://web.localhost:1355");
    }

    @Test
    void httpAndHttpsIgnoreTheTrustVerdict() {
        Settings http = Settings.DEFAULTS.edit(e -> e.urlScheme = UrlScheme.HTTP);
        Settings https = Settings.DEFAULTS.edit(e -> e.urlScheme = UrlScheme.HTTPS).edit(e -> e.proxyPort = 8443);
        assertThat(http.urlOf(WEB, true)).isEqualTo("http://web.localhost:1355");
        assertThat(https.urlOf(WEB, false)).isEqualTo("https://web.localhost:8443");
    }

    @Test
    void theWordsAreAutoHttpAndHttpsAndNothingElse() {
        assertThat(UrlScheme.of(" HTTPS ")).isEqualTo(UrlScheme.HTTPS);
        assertThat(UrlScheme.AUTO.word()).isEqualTo("auto");
        assertThatThrownBy(() -> UrlScheme.of("ftp")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("urlScheme is auto, http or https, not 'ftp'");
    }
}
