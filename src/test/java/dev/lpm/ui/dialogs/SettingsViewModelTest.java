package dev.lpm.ui.dialogs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.PortRange;
import dev.lpm.core.Settings;
import dev.lpm.core.VpnPatterns;
import dev.lpm.ui.FakeDesktopBackend;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SettingsViewModelTest {

    private final FakeDesktopBackend backend = new FakeDesktopBackend();
    private final MemoryLoginStart login = new MemoryLoginStart();

    private SettingsViewModel model() {
        return new SettingsViewModel(backend, login, BackgroundCall.inline());
    }

    private long settingsCalls() {
        return backend.calls.stream().filter(c -> c.startsWith("settings")).count();
    }

    @Test
    void opensWithTheCurrentSettingsAndNothingToSave() {
        SettingsViewModel model = model();
        assertThat(model.killSwitchProperty().get()).isTrue();
        assertThat(model.isolatedDefaultProperty().get()).isFalse();
        assertThat(model.proxyPortProperty().get()).isEqualTo("1355");
        assertThat(model.rangeFirstProperty().get()).isEqualTo("4000");
        assertThat(model.rangeLastProperty().get()).isEqualTo("4999");
        assertThat(model.interfacePatternsProperty().get()).startsWith("tun\\d+\ntap\\d+\n");
        assertThat(model.problemsProperty().get()).isEmpty();
        assertThat(model.pendingChangesProperty().get()).isEqualTo("No changes.");
        assertThat(model.canSaveProperty().get()).isTrue();
    }

    @Test
    void portsOutsideTheAllowedRangeAreRefusedWithTheReason() {
        SettingsViewModel model = model();
        model.rangeFirstProperty().set("80");
        assertThat(model.problemsProperty().get())
                .isEqualTo("Port range start: enter a number from 1024 to 65535 (lower ports need root).");
        assertThat(model.canSaveProperty().get()).isFalse();

        model.rangeFirstProperty().set("5000");
        model.rangeLastProperty().set("4999");
        assertThat(model.problemsProperty().get()).isEqualTo("Port range: the first port (5000) is above the last (4999).");

        model.rangeLastProperty().set("70000");
        assertThat(model.problemsProperty().get())
                .isEqualTo("Port range end: enter a number from 1024 to 65535 (lower ports need root).");

        model.rangeLastProperty().set("5999");
        model.proxyPortProperty().set("abc");
        assertThat(model.problemsProperty().get()).isEqualTo("Proxy port: enter a number from 1 to 65535.");
        assertThat(model.pendingChangesProperty().get()).isEmpty();
        assertThat(model.canSaveProperty().get()).isFalse();
    }

    @Test
    void theProxyPortMayNotLieInsideThePortRange() {
        SettingsViewModel model = model();
        model.proxyPortProperty().set("4500");
        assertThat(model.problemsProperty().get()).isEqualTo(
                "Proxy port 4500 lies inside the port range 4000-4999: lpm could hand its own port to a service.");
        assertThat(model.canSaveProperty().get()).isFalse();
    }

    @Test
    void aVpnInterfacePatternMustCompile() {
        SettingsViewModel model = model();
        model.interfacePatternsProperty().set("tun\\d+\n\nwg(\n");
        assertThat(model.problemsProperty().get()).startsWith("VPN interface pattern 'wg(' (line 2) is not a valid regex: ");
        assertThat(model.canSaveProperty().get()).isFalse();
    }

    @Test
    void saysWhichChangesApplyAtOnceAndWhichAfterARestart() {
        SettingsViewModel model = model();
        model.killSwitchProperty().set(false);
        model.proxyPortProperty().set("1356");
        assertThat(model.pendingChangesProperty().get())
                .isEqualTo("Applies at once: kill switch. Applies when lpm starts next: proxy port.");
        model.processNamesProperty().set("openvpn\nmy-vpn-client");
        model.resumeContainersProperty().set(true);
        assertThat(model.pendingChangesProperty().get()).isEqualTo("Applies at once: kill switch, resume blocked "
                + "containers. Applies when lpm starts next: proxy port, VPN patterns.");
    }

    @Test
    void saveAppliesEveryChangeInOneUpdate() {
        SettingsViewModel model = model();
        model.killSwitchProperty().set(false);
        model.isolatedDefaultProperty().set(true);
        model.resumeContainersProperty().set(true);
        model.proxyPortProperty().set("1400");
        model.rangeFirstProperty().set("5000");
        model.rangeLastProperty().set("5099");
        model.interfacePatternsProperty().set("tun\\d+\n  corp\\d+  \n");
        model.adapterDescriptionsProperty().set("Corp VPN Adapter");
        model.processNamesProperty().set("corpvpnd");

        model.save();

        assertThat(settingsCalls()).isEqualTo(1);
        Settings saved = backend.settings();
        assertThat(saved.killSwitch()).isFalse();
        assertThat(saved.isolatedDefault()).isTrue();
        assertThat(saved.resumeContainers()).isTrue();
        assertThat(saved.proxyPort()).isEqualTo(1400);
        assertThat(saved.portRange()).isEqualTo(new PortRange(5000, 5099));
        assertThat(saved.vpn().interfaceNames()).containsExactly("tun\\d+", "corp\\d+");
        assertThat(saved.vpn().descriptions()).containsExactly("Corp VPN Adapter");
        assertThat(saved.vpn().processes()).containsExactly("corpvpnd");
        assertThat(saved.vpn().nameSubstrings()).isEqualTo(VpnPatterns.DEFAULTS.nameSubstrings());
        assertThat(model.savedSummaryProperty().get()).isEqualTo("Applies at once: kill switch, resume blocked "
                + "containers, isolated by default. Applies when lpm starts next: proxy port, port range, VPN patterns.");
        assertThat(login.changes).isZero();
    }

    @Test
    void uncheckedNotificationKindsAreSavedAsMutedAndCheckedAgainUnmuted() {
        SettingsViewModel model = model();
        assertThat(Settings.NOTIFICATION_KINDS).allSatisfy(kind -> assertThat(model.notifyProperty(kind).get()).isTrue());
        model.notifyProperty("crashes").set(false);
        model.notifyProperty("vpn").set(false);
        assertThat(model.pendingChangesProperty().get()).isEqualTo("Applies at once: notifications.");

        model.save();

        assertThat(backend.settings().mutedNotifications()).containsExactlyInAnyOrder("crashes", "vpn");
        assertThat(backend.settings().killSwitch()).isTrue();

        SettingsViewModel reopened = model();
        assertThat(reopened.notifyProperty("crashes").get()).isFalse();
        assertThat(reopened.notifyProperty("blocks").get()).isTrue();
        reopened.notifyProperty("crashes").set(true);
        reopened.notifyProperty("vpn").set(true);
        reopened.save();
        assertThat(backend.settings().mutedNotifications()).isEmpty();
    }

    @Test
    void saveLeavesSettingsTheUserDidNotTouchAsTheyAreNow() {
        SettingsViewModel model = model();
        backend.updateSettings(s -> s.edit(b -> b.killSwitch = false)); // toggled from the tray while the dialog was open
        model.proxyPortProperty().set("1400");

        model.save();

        assertThat(backend.settings().killSwitch()).isFalse();
        assertThat(backend.settings().proxyPort()).isEqualTo(1400);
    }

    @Test
    void startAtLoginChangesTheEntryNotTheSettings() {
        SettingsViewModel model = model();
        assertThat(model.loginStartAvailable()).isTrue();
        assertThat(model.loginStartNote()).isEqualTo("~/.config/autostart/lpm.desktop");
        model.startAtLoginProperty().set(true);
        assertThat(model.pendingChangesProperty().get()).isEqualTo("Applies at once: start at login.");

        model.save();

        assertThat(login.enabled).isTrue();
        assertThat(settingsCalls()).isZero();
    }

    @Test
    void aFailingLoginEntryIsReportedAfterTheSettingsWereSaved() {
        SettingsViewModel model = model();
        login.failWith = new IOException("~/.config/autostart is not writable");
        model.killSwitchProperty().set(false);
        model.startAtLoginProperty().set(true);

        model.save();

        assertThat(backend.settings().killSwitch()).isFalse();
        assertThat(model.saveErrorProperty().get())
                .isEqualTo("Settings saved, but start at login could not be changed: ~/.config/autostart is not writable");
        assertThat(model.savedSummaryProperty().get()).isEmpty();
        assertThat(model.startAtLoginProperty().get()).as("the user's choice stays").isTrue();
        assertThat(model.pendingChangesProperty().get()).isEqualTo("Applies at once: start at login.");
    }

    @Test
    void withoutLoginStartTheSwitchIsUnavailable() {
        SettingsViewModel model = new SettingsViewModel(backend, null, BackgroundCall.inline());
        assertThat(model.loginStartAvailable()).isFalse();
        assertThat(model.loginStartNote()).isEqualTo(SettingsViewModel.LOGIN_START_UNAVAILABLE);
        assertThat(model.startAtLoginProperty().get()).isFalse();
    }

    @Test
    void invalidInputIsNotSaved() {
        SettingsViewModel model = model();
        model.proxyPortProperty().set("0");
        model.save();
        assertThat(settingsCalls()).isZero();
        assertThat(backend.settings()).isEqualTo(Settings.DEFAULTS);
        assertThat(model.proxyPortProperty().get()).as("the typed value stays for the user to fix").isEqualTo("0");
    }
}
