package dev.lpm.ui.tray;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** {@code org.kde.StatusNotifierWatcher}: where an item announces itself to the desktop's tray. */
@DBusInterfaceName(StatusNotifierWatcherBus.NAME)
@SuppressWarnings("checkstyle:MethodName") // D-Bus member names
public interface StatusNotifierWatcherBus extends DBusInterface {

    String NAME = "org.kde.StatusNotifierWatcher";
    String OBJECT_PATH = "/StatusNotifierWatcher";

    /** {@code service}: the item's bus name (lpm passes its well-known name; hosts also accept a unique one). */
    void RegisterStatusNotifierItem(String service);
}
