package dev.lpm.ui.tray;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * The exported org.kde.StatusNotifierItem object at {@value StatusNotifierItemBus#OBJECT_PATH}: its
 * properties come from the current {@link TrayState} and tooltip; Activate runs {@code onActivate}. Hosts
 * call it on dbus-java's threads; the state is swapped atomically by {@link #show}.
 */
final class SniItem implements StatusNotifierItemBus, Properties {

    static final String ID = "lpm";
    static final String TITLE = "LocalPortManager";

    private record Shown(TrayState state, String tooltip) {}

    private final Map<TrayState, List<IconPixmap>> pixmaps = new EnumMap<>(TrayState.class);
    private final Optional<IconTheme> theme;
    private volatile Shown shown = new Shown(TrayState.SECURE, TITLE);
    private volatile Runnable onActivate = () -> { };

    /** @param theme where hosts find lpm's icons by name; without one the item sends pixmaps only */
    SniItem(Optional<IconTheme> theme) {
        this.theme = theme;
        for (TrayState state : TrayState.values()) {
            pixmaps.put(state, TrayIcons.SIZES.stream().map(size -> IconPixmap.of(TrayIcons.load(state, size))).toList());
        }
    }

    void onActivate(Runnable action) {
        onActivate = action;
    }

    /** Shows a new state; says which of icon/status and tooltip changed, for the signals. */
    Change show(TrayState state, String tooltip) {
        Shown before = shown;
        shown = new Shown(state, tooltip);
        return new Change(before.state() != state, !before.tooltip().equals(tooltip));
    }

    record Change(boolean icon, boolean tooltip) {}

    /** "NeedsAttention" while containers are blocked or something is broken; "Active" otherwise. */
    static String status(TrayState state) {
        return switch (state) {
            case BLOCKED, PROBLEM -> "NeedsAttention";
            case VPN_ACTIVE, SECURE -> "Active";
        };
    }

    String iconName(TrayState state) {
        return theme.map(t -> t.iconName(state)).orElse("");
    }

    @Override
    public void Activate(int x, int y) {
        onActivate.run();
    }

    @Override
    public void SecondaryActivate(int x, int y) {
        onActivate.run(); // a middle click: the window is all lpm offers besides the menu
    }

    @Override
    public void ContextMenu(int x, int y) {
        // hosts that support dbusmenu show the Menu themselves; nothing to draw here
    }

    @Override
    public void Scroll(int delta, String orientation) {
        // nothing to scroll through
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
        throw new UnsupportedOperationException("the item's properties are read-only");
    }

    @Override
    public Map<String, Variant<?>> GetAll(String interfaceName) {
        if (!INTERFACE.equals(interfaceName)) {
            return Map.of();
        }
        Shown now = shown;
        List<IconPixmap> icons = pixmaps.get(now.state());
        String icon = iconName(now.state());
        return Map.ofEntries(
                Map.entry("Category", new Variant<>("ApplicationStatus")),
                Map.entry("Id", new Variant<>(ID)),
                Map.entry("Title", new Variant<>(TITLE)),
                Map.entry("Status", new Variant<>(status(now.state()))),
                Map.entry("WindowId", new Variant<>(0)),
                Map.entry("IconName", new Variant<>(icon)),
                Map.entry("IconThemePath", new Variant<>(theme.map(IconTheme::themePath).orElse(""))),
                Map.entry("IconPixmap", new Variant<>(icons, "a(iiay)")),
                Map.entry("AttentionIconName", new Variant<>(icon)),
                Map.entry("AttentionIconPixmap", new Variant<>(icons, "a(iiay)")),
                Map.entry("OverlayIconName", new Variant<>("")),
                Map.entry("ToolTip", new Variant<>(new SniToolTip(icon, List.of(), TITLE, now.tooltip()),
                        "(sa(iiay)ss)")),
                Map.entry("ItemIsMenu", new Variant<>(false)),
                Map.entry("Menu", new Variant<>(new DBusPath(DbusMenuBus.OBJECT_PATH))));
    }

    @Override
    public String getObjectPath() {
        return OBJECT_PATH;
    }
}
