package dev.lpm.ui.tray;

import java.util.List;
import java.util.function.Consumer;

/**
 * One entry of the tray menu, independent of the toolkit that draws it (AWT today, a D-Bus menu for a
 * StatusNotifierItem later). Actions may be run on any thread: they only call {@code UiActions}.
 */
public sealed interface MenuItemModel {

    String label();

    record Action(String label, boolean enabled, Runnable run) implements MenuItemModel {}

    record Toggle(String label, boolean checked, Consumer<Boolean> onChange) implements MenuItemModel {}

    record Submenu(String label, List<MenuItemModel> items) implements MenuItemModel {
        public Submenu {
            items = List.copyOf(items);
        }
    }

    record Separator() implements MenuItemModel {
        @Override
        public String label() {
            return "";
        }
    }
}
