package dev.lpm.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;

/**
 * A real StatusNotifierWatcher ({@code status-notifier-watcher} from Debian's
 * haskell-status-notifier-item-utils) on a test's bus, and a client connection to ask it what is registered.
 */
public final class SniWatcher implements AutoCloseable {

    public static final String NAME = "org.kde.StatusNotifierWatcher";
    public static final Duration WAIT = Duration.ofSeconds(15);

    private final String busAddress;
    private final DBusConnection client;
    private Process watcher;

    private SniWatcher(String busAddress, DBusConnection client) {
        this.busAddress = busAddress;
        this.client = client;
    }

    public static void require() {
        Requirements.requireCommand("status-notifier-watcher", "haskell-status-notifier-item-utils");
    }

    /** Starts the watcher on {@code busAddress} and waits until it owns its name. */
    public static SniWatcher start(String busAddress) throws Exception {
        require();
        SniWatcher w = new SniWatcher(busAddress, DBusConnectionBuilder.forAddress(busAddress).withShared(false).build());
        try {
            w.restart();
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
        return w;
    }

    public DBusConnection client() {
        return client;
    }

    /** Stops the watcher (if running) and starts a new one, as a panel restart does. */
    public void restart() {
        stop();
        try {
            ProcessBuilder pb = new ProcessBuilder("status-notifier-watcher").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("DBUS_SESSION_BUS_ADDRESS", busAddress);
            watcher = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("status-notifier-watcher owns " + NAME).atMost(WAIT).until(this::owned);
    }

    boolean owned() throws Exception {
        return client.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class).NameHasOwner(NAME);
    }

    /** The watcher's RegisteredStatusNotifierItems. */
    public List<String> registered() throws Exception {
        Object value = client.getRemoteObject(NAME, "/StatusNotifierWatcher", Properties.class)
                .Get(NAME, "RegisteredStatusNotifierItems");
        if (value instanceof String[] array) {
            return List.of(array);
        }
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }

    public void stop() {
        if (watcher != null) {
            watcher.destroy();
            try {
                if (!watcher.waitFor(5, TimeUnit.SECONDS)) {
                    watcher.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            watcher = null;
        }
    }

    @Override
    public void close() {
        stop();
        client.disconnect();
    }
}
