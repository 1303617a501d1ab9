package dev.lpm.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpm.core.PortRange;
import dev.lpm.core.Settings;
import org.junit.jupiter.api.Test;

class SettingKeysTest {

    @Test
    void eachKeyChangesItsSettingAndNothingElse() {
        Settings off = SettingKeys.change("killSwitch", "off").apply(Settings.DEFAULTS);
        Settings range = SettingKeys.change("portRange", "5000-5099").apply(off);
        Settings port = SettingKeys.change("proxyPort", "8080").apply(range);

        assertThat(off.killSwitch()).isFalse();
        assertThat(off.edit(e -> e.killSwitch = true)).isEqualTo(Settings.DEFAULTS);
        assertThat(range.portRange()).isEqualTo(new PortRange(5000, 5099));
        assertThat(port.proxyPort()).isEqualTo(8080);
        assertThat(SettingKeys.values(port)).containsEntry("killSwitch", false).containsEntry("portRange", "5000-5099")
                .containsEntry("proxyPort", 8080).containsEntry("resumeContainers", false);
    }

    @Test
    void anUnknownKeyNamesTheKnownOnes() {
        assertThatThrownBy(() -> SettingKeys.change("killswitch", "on"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown setting 'killswitch'; the settings are: killSwitch, resumeContainers,"
                        + " isolatedDefault, mutedNotifications, hostsSync, urlScheme, proxyPort, portRange");
    }

    @Test
    void badValuesAreRefusedBeforeAnythingIsApplied() {
        assertThatThrownBy(() -> SettingKeys.change("killSwitch", "maybe")).hasMessage(
                "killSwitch is true or false, not 'maybe'");
        assertThatThrownBy(() -> SettingKeys.change("proxyPort", "70000")).hasMessage(
                "proxyPort is a port, 1-65535, not '70000'");
        assertThatThrownBy(() -> SettingKeys.change("portRange", "5000")).hasMessageContaining("FIRST-LAST");
        assertThatThrownBy(() -> SettingKeys.change("portRange", "5099-5000")).hasMessageContaining("invalid port range");
        assertThatThrownBy(() -> SettingKeys.change("mutedNotifications", "crashes,toasts")).hasMessage(
                "mutedNotifications takes none or blocks, vpn, crashes (separated by commas), not 'toasts'");
    }

    @Test
    void mutedNotificationsTakesKindsSeparatedByCommasOrNone() {
        Settings muted = SettingKeys.change("mutedNotifications", "Crashes, vpn").apply(Settings.DEFAULTS);
        assertThat(muted.mutedNotifications()).containsExactlyInAnyOrder("crashes", "vpn");
        assertThat(muted.notifies("crashes")).isFalse();
        assertThat(muted.notifies("blocks")).isTrue();
        assertThat(SettingKeys.values(muted)).containsEntry("mutedNotifications", "vpn,crashes");
        Settings none = SettingKeys.change("mutedNotifications", "none").apply(muted);
        assertThat(none).isEqualTo(Settings.DEFAULTS);
        assertThat(SettingKeys.values(none)).containsEntry("mutedNotifications", "none");
    }

    @Test
    void urlSchemeTakesAutoHttpOrHttpsAndReadsBackAsItsWord() {
        assertThat(SettingKeys.values(Settings.DEFAULTS)).containsEntry("urlScheme", "auto");
        Settings https = SettingKeys.change("urlScheme", "HTTPS").apply(Settings.DEFAULTS);
        assertThat(https.urlScheme()).isEqualTo(dev.lpm.core.UrlScheme.HTTPS);
        assertThat(SettingKeys.values(https)).containsEntry("urlScheme", "https");
        assertThat(SettingKeys.change("urlScheme", "auto").apply(https)).isEqualTo(Settings.DEFAULTS);
        assertThatThrownBy(() -> SettingKeys.change("urlScheme", "ftp")).hasMessage(
                "urlScheme is auto, http or https, not 'ftp'");
    }
}
