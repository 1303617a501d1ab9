package dev.lpm.ui.tray;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.freedesktop.dbus.types.Variant;

/**
 * The tray menu ({@link MenuItemModel}s) as com.canonical.dbusmenu sees it: numbered items (0 is the root)
 * with their properties and children. Immutable; {@link SniMenu} swaps in a new one on every change.
 * Properties equal to the protocol's defaults are left out, as the protocol asks.
 */
public final class DbusMenuModel {

    public static final int ROOT = 0;

    /**
     * @param properties label, enabled, type, toggle-type, toggle-state, children-display (Java values)
     * @param onClick    what a "clicked" event does; null for the root, separators and submenus
     */
    public record Item(int id, Map<String, Object> properties, List<Integer> children, Runnable onClick) {
        public Item {
            properties = Map.copyOf(properties);
            children = List.copyOf(children);
        }
    }

    /**
     * Keeps an item's id across rebuilds while its place and label stay the same, so a click the host
     * sends just after a rebuild still reaches the item the user saw.
     */
    public static final class Ids {
        private final Map<String, Integer> byKey = new HashMap<>();
        private int next = ROOT + 1;

        synchronized int idFor(String key) {
            return byKey.computeIfAbsent(key, k -> next++);
        }
    }

    private final Map<Integer, Item> items;

    private DbusMenuModel(Map<Integer, Item> items) {
        this.items = Map.copyOf(items);
    }

    public static DbusMenuModel of(List<MenuItemModel> menu, Ids ids) {
        Map<Integer, Item> items = new LinkedHashMap<>();
        List<Integer> top = add(menu, "", ids, items);
        items.put(ROOT, new Item(ROOT, Map.of("children-display", "submenu"), top, null));
        return new DbusMenuModel(items);
    }

    private static List<Integer> add(List<MenuItemModel> entries, String parentKey, Ids ids, Map<Integer, Item> out) {
        List<Integer> children = new ArrayList<>();
        int separators = 0;
        for (MenuItemModel entry : entries) {
            // separators have no label: number them so each keeps its own id
            String key = parentKey + "/" + (entry instanceof MenuItemModel.Separator ? "-" + separators++ : entry.label());
            int id = ids.idFor(key);
            Map<String, Object> props = new HashMap<>();
            Runnable onClick = null;
            List<Integer> grandChildren = List.of();
            switch (entry) {
                case MenuItemModel.Separator s -> props.put("type", "separator");
                case MenuItemModel.Action a -> {
                    props.put("label", escape(a.label()));
                    if (!a.enabled()) {
                        props.put("enabled", false);
                    }
                    onClick = a.enabled() ? a.run() : null;
                }
                case MenuItemModel.Toggle t -> {
                    props.put("label", escape(t.label()));
                    props.put("toggle-type", "checkmark");
                    props.put("toggle-state", t.checked() ? 1 : 0);
                    onClick = () -> t.onChange().accept(!t.checked());
                }
                case MenuItemModel.Submenu s -> {
                    props.put("label", escape(s.label()));
                    props.put("children-display", "submenu");
                    grandChildren = add(s.items(), key, ids, out);
                }
            }
            out.put(id, new Item(id, props, grandChildren, onClick));
            children.add(id);
        }
        return children;
    }

    /** dbusmenu labels treat "_" as the access-key marker; "__" is a literal underscore. */
    static String escape(String label) {
        return label.replace("_", "__");
    }

    public Optional<Item> item(int id) {
        return Optional.ofNullable(items.get(id));
    }

    /** The item with this label (unescaped), for tests and for finding "Open LocalPortManager". */
    public Optional<Item> find(String label) {
        return items.values().stream().filter(i -> escape(label).equals(i.properties().get("label"))).findFirst();
    }

    /** Runs the item's action; false when the id is unknown or the item does nothing on a click. */
    public boolean click(int id) {
        Item item = items.get(id);
        if (item == null || item.onClick() == null) {
            return false;
        }
        item.onClick().run();
        return true;
    }

    /** The subtree below {@code parentId}; depth -1 is all of it, 0 the item alone. */
    public DbusMenuBus.Layout layout(int parentId, int depth, Collection<String> names) {
        Item item = items.get(parentId);
        if (item == null) {
            throw new IllegalArgumentException("no menu item " + parentId);
        }
        List<Variant<?>> children = new ArrayList<>();
        if (depth != 0) {
            for (int child : item.children()) {
                children.add(new Variant<>(layout(child, depth - 1, names), LAYOUT_SIGNATURE));
            }
        }
        return new DbusMenuBus.Layout(item.id(), variants(item.id(), names), children);
    }

    static final String LAYOUT_SIGNATURE = "(ia{sv}av)";

    /** The item's properties as variants, only those named (all when {@code names} is empty). */
    public Map<String, Variant<?>> variants(int id, Collection<String> names) {
        Map<String, Variant<?>> out = new HashMap<>();
        item(id).ifPresent(i -> i.properties().forEach((k, v) -> {
            if (names.isEmpty() || names.contains(k)) {
                out.put(k, new Variant<>(v));
            }
        }));
        return out;
    }

    /** Whether every id has the same children here as in {@code other}: then only properties changed. */
    public boolean sameShape(DbusMenuModel other) {
        if (!items.keySet().equals(other.items.keySet())) {
            return false;
        }
        return items.values().stream().allMatch(i -> i.children().equals(other.items.get(i.id()).children()));
    }

    /** Items present in both whose properties differ from {@code before}'s. */
    public List<Item> changedSince(DbusMenuModel before) {
        return items.values().stream().filter(i -> before.items.containsKey(i.id())
                && !before.items.get(i.id()).properties().equals(i.properties())).toList();
    }

    public Collection<Item> items() {
        return items.values();
    }
}
