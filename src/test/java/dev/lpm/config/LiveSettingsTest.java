package dev.lpm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.Settings;
import dev.lpm.events.EventBus;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveSettingsTest {

    @TempDir
    Path dir;

    private final EventBus bus = new EventBus();
    private final List<LpmEvent.SettingsChanged> changes = new CopyOnWriteArrayList<>();

    {
        bus.subscribe(e -> {
            if (e instanceof LpmEvent.SettingsChanged c) {
                changes.add(c);
            }
        });
    }

    @Test
    void aChangeIsSavedThenPublishedAndReadersSeeItAtOnce() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        LiveSettings live = new LiveSettings(store, Settings.DEFAULTS, Settings.DEFAULTS, bus, Clock.systemUTC());
        assertThat(live.killSwitch()).isTrue();

        live.update(s -> s.edit(b -> b.killSwitch = false));

        assertThat(live.killSwitch()).isFalse();
        assertThat(store.load().value().killSwitch()).as("saved to settings.json").isFalse();
        assertThat(changes).singleElement().satisfies(c -> assertThat(c.settings().killSwitch()).isFalse());
    }

    @Test
    void aProxyPortChosenForThisRunIsNotWrittenToTheFile() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        Settings effective = Settings.DEFAULTS.edit(b -> b.proxyPort = 51_234); // LPM_PROXY_PORT for this run
        LiveSettings live = new LiveSettings(store, Settings.DEFAULTS, effective, bus, Clock.systemUTC());

        live.update(s -> s.edit(b -> b.killSwitch = false));
        assertThat(live.current().proxyPort()).isEqualTo(51_234);
        assertThat(store.load().value().proxyPort()).isEqualTo(1355);

        live.update(s -> s.edit(b -> b.proxyPort = 2000));
        assertThat(store.load().value().proxyPort()).as("a port the user picked is saved").isEqualTo(2000);
    }

    @Test
    void aSettingsFileThatCannotBeWrittenChangesNothing() throws Exception {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        SettingsStore store = new SettingsStore(blocker.resolve("settings.json"));
        LiveSettings live = new LiveSettings(store, Settings.DEFAULTS, Settings.DEFAULTS, bus, Clock.systemUTC());

        assertThatThrownBy(() -> live.update(s -> s.edit(b -> b.killSwitch = false)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("could not save the settings");
        assertThat(live.killSwitch()).isTrue();
        assertThat(changes).isEmpty();
    }
}
