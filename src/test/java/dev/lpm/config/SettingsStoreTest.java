package dev.lpm.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.PortRange;
import dev.lpm.core.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void missingFileMeansDefaults() throws Exception {
        var loaded = new SettingsStore(dir.resolve("settings.json")).load();
        assertThat(loaded.value()).isEqualTo(Settings.DEFAULTS);
        assertThat(loaded.wasQuarantined()).isFalse();
    }

    @Test
    void missingFieldsKeepTheirDefaults() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"portRange\":{\"first\":5000,\"last\":5099},\"startTimeout\":\"PT5S\"}");
        Settings settings = new SettingsStore(file).load().value();
        assertThat(settings.portRange()).isEqualTo(new PortRange(5000, 5099));
        assertThat(settings.startTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.proxyPort()).isEqualTo(1355);
        assertThat(settings.excludedPorts()).containsExactlyInAnyOrder(4045, 4190);
        assertThat(settings.restartPolicy()).isEqualTo(Settings.DEFAULTS.restartPolicy());
    }

    @Test
    void roundTrip() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        Settings custom = Settings.DEFAULTS.edit(b -> b.portRange = new PortRange(6000, 6010)).edit(b -> b.stopGrace = Duration.ofMillis(700));
        store.save(custom);
        assertThat(store.load().value()).isEqualTo(custom);
    }

    @Test
    void isolatedDefaultIsOffUnlessTheFileSaysSo() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"killSwitch\":false}");
        SettingsStore store = new SettingsStore(file);
        assertThat(store.load().value().isolatedDefault()).isFalse();

        store.save(store.load().value().edit(b -> b.isolatedDefault = true));
        assertThat(Files.readString(file)).contains("\"isolatedDefault\"");
        Settings loaded = store.load().value();
        assertThat(loaded.isolatedDefault()).isTrue();
        assertThat(loaded.killSwitch()).isFalse();
    }

    @Test
    void theApiGuardsAllowancesAreOffUnlessTheFileSaysSo() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"killSwitch\":true}");
        SettingsStore store = new SettingsStore(file);
        assertThat(store.load().value().allowHostNetworkBuilds()).isFalse();
        assertThat(store.load().value().allowPrivilegedExec()).isFalse();

        Files.writeString(file, "{\"allowHostNetworkBuilds\":true,\"allowPrivilegedExec\":true}");
        Settings loaded = store.load().value();
        assertThat(loaded.allowHostNetworkBuilds()).isTrue();
        assertThat(loaded.allowPrivilegedExec()).isTrue();
        store.save(loaded.edit(b -> b.allowPrivilegedExec = false));
        assertThat(store.load().value().allowPrivilegedExec()).isFalse();
        assertThat(store.load().value().allowHostNetworkBuilds()).isTrue();
    }

    @Test
    void theEngineHostIsUnsetUnlessTheFileNamesOne() throws Exception {
        Path file = dir.resolve("settings.json");
        SettingsStore store = new SettingsStore(file);
        assertThat(store.load().value().engineHost()).isNull();

        Files.writeString(file, "{\"engineHost\": \" unix:///run/user/1000/podman/podman.sock \"}");
        Settings loaded = store.load().value();
        assertThat(loaded.engineHost()).isEqualTo("unix:///run/user/1000/podman/podman.sock");
        store.save(loaded.edit(b -> b.killSwitch = false));
        assertThat(store.load().value().engineHost()).isEqualTo("unix:///run/user/1000/podman/podman.sock");
        assertThat(Settings.DEFAULTS.edit(b -> b.engineHost = "  ").engineHost()).isNull();
    }

    @Test
    void mutedNotificationsAreNoneUnlessTheFileNamesKindsAndAnUnknownKindMakesItInvalid() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"killSwitch\":true}");
        SettingsStore store = new SettingsStore(file);
        assertThat(store.load().value().mutedNotifications()).isEmpty();

        Files.writeString(file, "{\"mutedNotifications\":[\"crashes\",\"vpn\"]}");
        assertThat(store.load().value().mutedNotifications()).containsExactlyInAnyOrder("crashes", "vpn");
        store.save(store.load().value().edit(e -> e.mutedNotifications = java.util.Set.of("blocks")));
        assertThat(store.load().value().mutedNotifications()).containsExactly("blocks");

        Files.writeString(file, "{\"mutedNotifications\":[\"toasts\"]}");
        var loaded = store.load();
        assertThat(loaded.wasQuarantined()).isTrue();
        assertThat(loaded.quarantine().message()).contains("'toasts' is not a kind of notification");
    }

    @Test
    void theUrlSchemeIsAutoUnlessTheFileSaysSoAndIsSavedAsItsWord() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"killSwitch\":true}");
        SettingsStore store = new SettingsStore(file);
        assertThat(store.load().value().urlScheme()).isEqualTo(dev.lpm.core.UrlScheme.AUTO);

        store.save(store.load().value().edit(e -> e.urlScheme = dev.lpm.core.UrlScheme.HTTP));
        assertThat(Files.readString(file)).contains("\"urlScheme\" : \"http\"");
        assertThat(store.load().value().urlScheme()).isEqualTo(dev.lpm.core.UrlScheme.HTTP);

        Files.writeString(file, "{\"urlScheme\":\"gopher\"}");
        var loaded = store.load();
        assertThat(loaded.wasQuarantined()).isTrue();
        assertThat(loaded.quarantine().message()).contains("urlScheme is auto, http or https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/run/user/1000/podman/podman.sock", "unix://relative.sock", "ssh://me@host",
            "tcp://", "unix:///with space"})
    void anEngineHostLpmCannotUseMakesTheFileInvalid(String engineHost) throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"engineHost\": \"" + engineHost + "\"}");
        var loaded = new SettingsStore(file).load();
        assertThat(loaded.wasQuarantined()).isTrue();
        assertThat(loaded.quarantine().message()).contains("engineHost");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"portRange\":{\"first\":5000,\"last\":10}}",
            "{\"restartPolicy\":{\"initialDelay\":\"PT90S\"}}",
            "{\"proxyPort\":70000}",
            "{\"startTimeout\":\"soon\"}",
            "[1,2]",
            "{\"portRange\":"})
    void invalidSettingsAreKeptAsideNotOverwritten(String bad) throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, bad);
        var loaded = new SettingsStore(file).load();
        assertThat(loaded.value()).isEqualTo(Settings.DEFAULTS);
        assertThat(loaded.wasQuarantined()).isTrue();
        assertThat(loaded.quarantine().keptAt()).hasContent(bad);
        assertThat(loaded.quarantine().message()).contains("could not be read").contains(loaded.quarantine().keptAt().toString());
        assertThat(file).doesNotExist();
    }
}
