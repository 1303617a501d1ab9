package dev.lpm.ui.tray;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exported com.canonical.dbusmenu object at {@value DbusMenuBus#OBJECT_PATH}. The host's calls arrive
 * on dbus-java's threads and only read the current {@link DbusMenuModel}; a click runs the item's action
 * there (actions only post to the UI, see {@link MenuItemModel}).
 */
final class SniMenu implements DbusMenuBus, Properties {

    private static final Logger LOG = LoggerFactory.getLogger(SniMenu.class);

    private final DbusMenuModel.Ids ids = new DbusMenuModel.Ids();
    private volatile DbusMenuModel model = DbusMenuModel.of(List.of(), ids);
    private volatile int revision = 1;

    /** Replaces the menu; returns the signals that tell hosts what changed (none when nothing did). */
    synchronized List<DBusSignal> update(List<MenuItemModel> items) throws DBusException {
        DbusMenuModel before = model;
        DbusMenuModel after = DbusMenuModel.of(items, ids);
        model = after;
        List<DBusSignal> signals = new ArrayList<>();
        if (!after.sameShape(before)) {
            revision++;
            signals.add(new LayoutUpdated(OBJECT_PATH, new UInt32(revision), DbusMenuModel.ROOT));
            return signals;
        }
        List<DbusMenuModel.Item> changed = after.changedSince(before);
        if (!changed.isEmpty()) {
            revision++;
            List<ItemProperties> updated = new ArrayList<>();
            List<RemovedProperties> removed = new ArrayList<>();
            for (DbusMenuModel.Item item : changed) {
                updated.add(new ItemProperties(item.id(), after.variants(item.id(), List.of())));
                Set<String> gone = new HashSet<>(before.item(item.id()).orElseThrow().properties().keySet());
                gone.removeAll(item.properties().keySet());
                if (!gone.isEmpty()) {
                    removed.add(new RemovedProperties(item.id(), List.copyOf(gone)));
                }
            }
            signals.add(new ItemsPropertiesUpdated(OBJECT_PATH, updated, removed));
        }
        return signals;
    }

    DbusMenuModel model() {
        return model;
    }

    @Override
    public Pair<UInt32, Layout> GetLayout(int parentId, int recursionDepth, List<String> propertyNames) {
        DbusMenuModel current = model;
        return new Pair<>(new UInt32(revision), current.layout(
                current.item(parentId).isPresent() ? parentId : DbusMenuModel.ROOT, recursionDepth, propertyNames));
    }

    @Override
    public List<ItemProperties> GetGroupProperties(List<Integer> ids, List<String> propertyNames) {
        DbusMenuModel current = model;
        List<Integer> wanted = ids.isEmpty() ? current.items().stream().map(DbusMenuModel.Item::id).toList() : ids;
        return wanted.stream().filter(id -> current.item(id).isPresent())
                .map(id -> new ItemProperties(id, current.variants(id, propertyNames))).toList();
    }

    @Override
    public Variant<?> GetProperty(int id, String name) {
        Variant<?> value = model.variants(id, List.of(name)).get(name);
        if (value == null) {
            throw new IllegalArgumentException("item " + id + " has no property " + name);
        }
        return value;
    }

    @Override
    public void Event(int id, String eventId, Variant<?> data, UInt32 timestamp) {
        if ("clicked".equals(eventId) && !model.click(id)) {
            LOG.debug("click on menu item {} which does nothing (or no longer exists)", id);
        }
    }

    @Override
    public List<Integer> EventGroup(List<MenuEvent> events) {
        List<Integer> notFound = new ArrayList<>();
        for (MenuEvent e : events) {
            if (model.item(e.id).isEmpty()) {
                notFound.add(e.id);
            } else {
                Event(e.id, e.eventId, e.data, e.timestamp);
            }
        }
        return notFound;
    }

    @Override
    public boolean AboutToShow(int id) {
        return false; // the menu is always current: nothing to refresh before it opens
    }

    @Override
    public Pair<List<Integer>, List<Integer>> AboutToShowGroup(List<Integer> ids) {
        return new Pair<>(List.of(), ids.stream().filter(id -> model.item(id).isEmpty()).toList());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String interfaceName, String propertyName) {
        Variant<?> value = GetAll(interfaceName).get(propertyName);
        if (value == null) {
            throw new IllegalArgumentException("no property " + interfaceName + "." + propertyName);
        }
        return (A) value;
    }

    @Override
    public <A> void Set(String interfaceName, String propertyName, A value) {
        throw new UnsupportedOperationException("the menu's properties are read-only");
    }

    @Override
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        if (!INTERFACE.equals(interfaceName)) {
            return Map.of();
        }
        return Map.of("Version", new Variant<>(new UInt32(3)), "TextDirection", new Variant<>("ltr"),
                "Status", new Variant<>("normal"), "IconThemePath", new Variant<>(new String[0]));
    }

    @Override
    public String getObjectPath() {
        return OBJECT_PATH;
    }
}
