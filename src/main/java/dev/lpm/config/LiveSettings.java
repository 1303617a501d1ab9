package dev.lpm.config;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.Settings;
import dev.lpm.events.EventBus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The settings a running instance works with, changeable while it runs (the settings dialog, the
 * tray's kill switch toggle). A change is saved to settings.json first and then published as
 * {@code SettingsChanged}; readers call {@link #current()} each time instead of keeping a copy.
 *
 * <p>The proxy port may come from --proxy-port or LPM_PROXY_PORT for this run only; that choice is
 * not written to the file unless the change itself picks a different port.
 */
public final class LiveSettings {

    private final SettingsStore store;
    private final EventBus events;
    private final Clock clock;
    private final int fileProxyPort;
    private final AtomicReference<Settings> current;

    public LiveSettings(SettingsStore store, Settings stored, Settings effective, EventBus events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.fileProxyPort = stored.proxyPort();
        this.current = new AtomicReference<>(effective);
    }

    public Settings current() {
        return current.get();
    }

    public boolean killSwitch() {
        return current.get().killSwitch();
    }

    public boolean resumeContainers() {
        return current.get().resumeContainers();
    }

    /**
     * Applies {@code change}, saves the result and publishes it.
     *
     * @throws UncheckedIOException when settings.json cannot be written (nothing changes then)
     * @throws IllegalArgumentException when the change makes invalid settings
     */
    public synchronized Settings update(UnaryOperator<Settings> change) {
        Settings before = current.get();
        Settings after = change.apply(before);
        Settings toStore = after.proxyPort() == before.proxyPort() ? after.edit(b -> b.proxyPort = fileProxyPort) : after;
        try {
            store.save(toStore);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the settings to " + store.path() + ": " + e.getMessage(), e);
        }
        current.set(after);
        events.publish(new LpmEvent.SettingsChanged(after, clock.instant()));
        return after;
    }
}
