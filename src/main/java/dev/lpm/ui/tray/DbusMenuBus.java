package dev.lpm.ui.tray;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * {@code com.canonical.dbusmenu} (version 3), the menu of a StatusNotifierItem: the host asks for the
 * layout and sends events; the application signals changes. Served by {@link SniMenu}.
 */
@DBusInterfaceName(DbusMenuBus.INTERFACE)
@SuppressWarnings("checkstyle:MethodName") // D-Bus member names
public interface DbusMenuBus extends DBusInterface {

    String INTERFACE = "com.canonical.dbusmenu";
    String OBJECT_PATH = "/MenuBar";

    Pair<UInt32, Layout> GetLayout(int parentId, int recursionDepth, List<String> propertyNames);

    List<ItemProperties> GetGroupProperties(List<Integer> ids, List<String> propertyNames);

    Variant<?> GetProperty(int id, String name);

    void Event(int id, String eventId, Variant<?> data, UInt32 timestamp);

    List<Integer> EventGroup(List<MenuEvent> events);

    boolean AboutToShow(int id);

    /** @return the ids whose menus need an update, and the ids not found */
    Pair<List<Integer>, List<Integer>> AboutToShowGroup(List<Integer> ids);

    /** {@code (ia{sv}av)}: an item, its properties and its children (each a variant holding the same). */
    final class Layout extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final Map<String, Variant<?>> properties;
        @Position(2)
        public final List<Variant<?>> children;

        public Layout(int id, Map<String, Variant<?>> properties, List<Variant<?>> children) {
            this.id = id;
            this.properties = properties;
            this.children = children;
        }
    }

    /**
     * Two out arguments (GetLayout's revision and layout, AboutToShowGroup's two id lists). Generic on purpose:
     * dbus-java reads a tuple's D-Bus types from the method's type arguments, and from raw field types otherwise.
     */
    final class Pair<A, B> extends Tuple {
        @Position(0)
        public final A first;
        @Position(1)
        public final B second;

        public Pair(A first, B second) {
            this.first = first;
            this.second = second;
        }
    }

    /** {@code (ia{sv})}. */
    final class ItemProperties extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final Map<String, Variant<?>> properties;

        public ItemProperties(int id, Map<String, Variant<?>> properties) {
            this.id = id;
            this.properties = properties;
        }
    }

    /** {@code (ias)}. */
    final class RemovedProperties extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final List<String> names;

        public RemovedProperties(int id, List<String> names) {
            this.id = id;
            this.names = names;
        }
    }

    /** {@code (isvu)}. */
    final class MenuEvent extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final String eventId;
        @Position(2)
        public final Variant<?> data;
        @Position(3)
        public final UInt32 timestamp;

        public MenuEvent(int id, String eventId, Variant<?> data, UInt32 timestamp) {
            this.id = id;
            this.eventId = eventId;
            this.data = data;
            this.timestamp = timestamp;
        }
    }

    class LayoutUpdated extends DBusSignal {
        public final UInt32 revision;
        public final int parent;

        public LayoutUpdated(String path, UInt32 revision, int parent) throws DBusException {
            super(path, revision, parent);
            this.revision = revision;
            this.parent = parent;
        }
    }

    class ItemsPropertiesUpdated extends DBusSignal {
        public final List<ItemProperties> updated;
        public final List<RemovedProperties> removed;

        public ItemsPropertiesUpdated(String path, List<ItemProperties> updated, List<RemovedProperties> removed)
                throws DBusException {
            super(path, updated, removed);
            this.updated = updated;
            this.removed = removed;
        }
    }
}
