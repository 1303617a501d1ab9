package dev.lpm.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.testsupport.PrivateSessionBus;
import dev.lpm.testsupport.SniWatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

/**
 * lpm's StatusNotifierItem over a real bus: a private dbus-daemon, Debian's status-notifier-watcher, and a
 * dbus-java client standing in for the panel (the drawing host is in SniTrayIT).
 */
class StatusNotifierItemOnPrivateBusTest {

    final List<String> calls = new CopyOnWriteArrayList<>();

    List<MenuItemModel> menu(boolean killSwitch, String... services) {
        List<MenuItemModel> items = new ArrayList<>();
        for (String s : services) {
            items.add(new MenuItemModel.Submenu(s + " — running", List.of(
                    new MenuItemModel.Action("Stop", true, () -> calls.add("stop " + s)))));
        }
        items.add(new MenuItemModel.Separator());
        items.add(new MenuItemModel.Toggle(TrayMenu.KILL_SWITCH, killSwitch, on -> calls.add("killSwitch " + on)));
        items.add(new MenuItemModel.Action(TrayMenu.OPEN_WINDOW, true, () -> calls.add("window")));
        return items;
    }

    /** A client receives the (sa(iiay)ss) struct as an Object[]: icon name, title, text. */
    static List<Object> tooltip(Map<String, Variant<?>> props) {
        Object[] struct = (Object[]) props.get("ToolTip").getValue();
        return List.of(struct[0], struct[2], struct[3]);
    }

    @Test
    void registersServesStateAndMenuAndFollowsChanges() throws Exception {
        try (PrivateSessionBus bus = PrivateSessionBus.start(); SniWatcher watcher = SniWatcher.start(bus.address)) {
            Availability<TrayIndicator> found = SniTrayIndicator.connectIfWatched(bus.address);
            assertThat(found.isAvailable()).as(found.reason()).isTrue();
            SniTrayIndicator sni = (SniTrayIndicator) found.value().orElseThrow();
            java.util.concurrent.atomic.AtomicReference<java.nio.file.Path> themePath =
                    new java.util.concurrent.atomic.AtomicReference<>();
            try {
                DBusConnection panel = watcher.client();
                List<String> statuses = new CopyOnWriteArrayList<>();
                List<String> menuSignals = new CopyOnWriteArrayList<>();
                panel.addSigHandler(StatusNotifierItemBus.NewStatus.class, s -> statuses.add(s.status));
                panel.addSigHandler(StatusNotifierItemBus.NewToolTip.class, s -> statuses.add("tooltip"));
                panel.addSigHandler(DbusMenuBus.LayoutUpdated.class, s -> menuSignals.add("layout"));
                panel.addSigHandler(DbusMenuBus.ItemsPropertiesUpdated.class, s -> menuSignals.add("properties"));

                sni.setMenu(menu(true, "api"));
                sni.setState(TrayState.SECURE, "lpm: 1 service running · no VPN");
                sni.install(() -> calls.add("activate")).toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertThat(sni.kind()).isEqualTo("StatusNotifierItem");
                assertThat(sni.busName()).matches("org\\.kde\\.StatusNotifierItem-\\d+-1");
                await("registered with the watcher").atMost(SniWatcher.WAIT)
                        .until(() -> watcher.registered().stream().anyMatch(r -> r.contains(sni.busName())));

                Properties item = panel.getRemoteObject(sni.busName(), StatusNotifierItemBus.OBJECT_PATH, Properties.class);
                Map<String, Variant<?>> props = item.GetAll(StatusNotifierItemBus.INTERFACE);
                assertThat(props.get("Category").getValue()).isEqualTo("ApplicationStatus");
                assertThat(props.get("Status").getValue()).isEqualTo("Active");
                assertThat(props.get("Title").getValue()).isEqualTo("LocalPortManager");
                assertThat(props.get("IconPixmap").getSig()).isEqualTo("a(iiay)");
                assertThat((List<?>) props.get("IconPixmap").getValue()).hasSize(TrayIcons.SIZES.size());
                assertThat(props.get("ToolTip").getSig()).isEqualTo("(sa(iiay)ss)");
                assertThat(tooltip(props)).containsExactly("lpm-tray-secure", "LocalPortManager", "lpm: 1 service running · no VPN");
                assertThat(props.get("IconName").getValue()).isEqualTo("lpm-tray-secure");
                themePath.set(java.nio.file.Path.of((String) props.get("IconThemePath").getValue()));
                assertThat(themePath.get().resolve("hicolor/22x22/apps/lpm-tray-blocked.png")).isRegularFile();
                assertThat(((DBusPath) props.get("Menu").getValue()).getPath()).isEqualTo(DbusMenuBus.OBJECT_PATH);

                // a blocked container: the host hears NeedsAttention and a new tooltip
                sni.setState(TrayState.BLOCKED, "lpm: 1 container blocked · 1 service running");
                await("NewStatus NeedsAttention").atMost(SniWatcher.WAIT)
                        .until(() -> statuses.contains("NeedsAttention") && statuses.contains("tooltip"));
                Map<String, Variant<?>> blocked = item.GetAll(StatusNotifierItemBus.INTERFACE);
                assertThat(blocked.get("Status").getValue()).isEqualTo("NeedsAttention");
                assertThat((String) tooltip(blocked).get(2)).startsWith("lpm: 1 container blocked");

                // the menu: its layout, and a click on "Open LocalPortManager" as the panel sends it
                DbusMenuBus remoteMenu = panel.getRemoteObject(sni.busName(), DbusMenuBus.OBJECT_PATH, DbusMenuBus.class);
                List<DbusMenuBus.ItemProperties> all = remoteMenu.GetGroupProperties(List.of(), List.of("label"));
                int open = all.stream().filter(p -> p.properties.containsKey("label")
                        && TrayMenu.OPEN_WINDOW.equals(p.properties.get("label").getValue())).findFirst().orElseThrow().id;
                DbusMenuBus.Pair<UInt32, DbusMenuBus.Layout> layout = remoteMenu.GetLayout(DbusMenuModel.ROOT, -1, List.of());
                assertThat(layout.second.children).hasSize(4);
                remoteMenu.Event(open, "clicked", new Variant<>(0), new UInt32(0));
                await("the window action").atMost(SniWatcher.WAIT).until(() -> calls.contains("window"));
                panel.getRemoteObject(sni.busName(), StatusNotifierItemBus.OBJECT_PATH, StatusNotifierItemBus.class)
                        .Activate(0, 0);
                await("Activate").atMost(SniWatcher.WAIT).until(() -> calls.contains("activate"));

                // only a toggle changed: its properties; a new service: the layout
                menuSignals.clear(); // the first setMenu's LayoutUpdated
                sni.setMenu(menu(false, "api"));
                await("ItemsPropertiesUpdated").atMost(SniWatcher.WAIT).until(() -> menuSignals.contains("properties"));
                assertThat(menuSignals).doesNotContain("layout");
                sni.setMenu(menu(false, "api", "web"));
                await("LayoutUpdated").atMost(SniWatcher.WAIT).until(() -> menuSignals.contains("layout"));

                // a restarted panel's watcher hears of the item again
                watcher.restart();
                await("registered with the new watcher").atMost(SniWatcher.WAIT)
                        .until(() -> watcher.registered().stream().anyMatch(r -> r.contains(sni.busName())));
            } finally {
                sni.remove();
            }
            await("gone from the watcher after remove").atMost(SniWatcher.WAIT)
                    .until(() -> watcher.registered().stream().noneMatch(r -> r.contains(sni.busName())));
            await("the private icon theme deleted").atMost(SniWatcher.WAIT)
                    .until(() -> !java.nio.file.Files.exists(themePath.get()));
        }
    }

    @Test
    void withoutAWatcherThereIsNoStatusNotifierItem() throws Exception {
        try (PrivateSessionBus bus = PrivateSessionBus.start()) {
            Availability<TrayIndicator> found = SniTrayIndicator.connectIfWatched(bus.address);
            assertThat(found.isAvailable()).isFalse();
            assertThat(found.reason()).contains("no org.kde.StatusNotifierWatcher on the session bus");
            assertThat(Trays.statusNotifier(java.util.Optional.empty()).reason())
                    .contains("DBUS_SESSION_BUS_ADDRESS is unset");
        }
    }
}
