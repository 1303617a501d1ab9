package dev.lpm.ui.notify;

import dev.lpm.ui.tray.TrayIcons;
import dev.lpm.ui.tray.TrayState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * Sends notifications to the desktop's notification server over D-Bus. The bus address is given
 * explicitly: the app passes {@code DBUS_SESSION_BUS_ADDRESS}, tests a private bus. Connects on first
 * use and again after a failure, so a notification server that starts late is still found.
 */
public final class FreedesktopNotifier implements DesktopNotifier {

    public static final String APP_NAME = "LocalPortManager";
    /** Urgency hint values of the specification: 0 low, 1 normal, 2 critical. */
    private static final byte NORMAL = 1;
    private static final byte CRITICAL = 2;
    private static final int ICON_SIZE = 64;

    private final String busAddress;
    private final Map<TrayState, Path> iconFiles = new EnumMap<>(TrayState.class);
    private DBusConnection connection;
    private FreedesktopNotifications server;
    private Path iconDir;

    public FreedesktopNotifier(String busAddress) {
        this.busAddress = busAddress;
    }

    @Override
    public String name() {
        return "freedesktop notifications over D-Bus at " + busAddress;
    }

    @Override
    public synchronized boolean show(Notification n) {
        Map<String, Variant<?>> hints = Map.of(
                "urgency", new Variant<>(n.urgency() == Notification.Urgency.CRITICAL ? CRITICAL : NORMAL),
                "desktop-entry", new Variant<>("lpm"));
        try {
            server().Notify(APP_NAME, new UInt32(0), iconFile(n.icon()).toUri().toString(), n.title(), n.body(),
                    new String[0], hints, -1);
            return true;
        } catch (RuntimeException e) {
            disconnect(); // reconnect next time: the bus or the server may come back
            throw e;
        }
    }

    private FreedesktopNotifications server() {
        if (server == null) {
            try {
                connection = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
                server = connection.getRemoteObject(FreedesktopNotifications.BUS_NAME,
                        FreedesktopNotifications.OBJECT_PATH, FreedesktopNotifications.class);
            } catch (DBusException e) {
                disconnect();
                throw new IllegalStateException("cannot reach the notification service on " + busAddress + ": "
                        + e.getMessage(), e);
            }
        }
        return server;
    }

    /** The notification server needs a file (or a theme icon name); the icons live in the jar. */
    private Path iconFile(TrayState state) {
        return iconFiles.computeIfAbsent(state, s -> {
            try {
                if (iconDir == null) {
                    iconDir = Files.createTempDirectory("lpm-icons-");
                }
                Path file = iconDir.resolve(s.iconName() + ".png");
                ImageIO.write(TrayIcons.load(s, ICON_SIZE), "png", file.toFile());
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the notification icon", e);
            }
        });
    }

    private void disconnect() {
        server = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException e) {
                // already broken; nothing more to release
            }
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        disconnect();
        if (iconDir != null) {
            for (Path file : iconFiles.values()) {
                file.toFile().delete();
            }
            iconDir.toFile().delete();
            iconFiles.clear();
            iconDir = null;
        }
    }
}
