package dev.lpm.ui.notify;

import java.util.Map;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The part of the Desktop Notifications Specification lpm uses: {@code org.freedesktop.Notifications} at
 * {@code /org/freedesktop/Notifications} on the session bus (GNOME Shell, KDE Plasma, dunst, mako, ...).
 */
@DBusInterfaceName("org.freedesktop.Notifications")
public interface FreedesktopNotifications extends DBusInterface {

    String BUS_NAME = "org.freedesktop.Notifications";
    String OBJECT_PATH = "/org/freedesktop/Notifications";

    /**
     * @param expireTimeout milliseconds; -1 lets the server decide, 0 never expires
     * @return the id the server gave the notification
     */
    @SuppressWarnings("checkstyle:MethodName") // the D-Bus member name
    UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body, String[] actions,
                  Map<String, Variant<?>> hints, int expireTimeout);
}
