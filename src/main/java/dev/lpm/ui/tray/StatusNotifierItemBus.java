package dev.lpm.ui.tray;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;

/**
 * {@code org.kde.StatusNotifierItem}, the methods and signals lpm's item exports (its properties are served
 * through org.freedesktop.DBus.Properties by {@link SniItem}). The KDE name is what every host uses, not the
 * freedesktop one of the draft specification.
 */
@DBusInterfaceName(StatusNotifierItemBus.INTERFACE)
@SuppressWarnings("checkstyle:MethodName") // D-Bus member names
public interface StatusNotifierItemBus extends DBusInterface {

    String INTERFACE = "org.kde.StatusNotifierItem";
    String OBJECT_PATH = "/StatusNotifierItem";

    void Activate(int x, int y);

    void SecondaryActivate(int x, int y);

    void ContextMenu(int x, int y);

    void Scroll(int delta, String orientation);

    class NewIcon extends DBusSignal {
        public NewIcon(String path) throws DBusException {
            super(path);
        }
    }

    class NewToolTip extends DBusSignal {
        public NewToolTip(String path) throws DBusException {
            super(path);
        }
    }

    class NewTitle extends DBusSignal {
        public NewTitle(String path) throws DBusException {
            super(path);
        }
    }

    class NewStatus extends DBusSignal {
        public final String status;

        public NewStatus(String path, String status) throws DBusException {
            super(path, status);
            this.status = status;
        }
    }
}
