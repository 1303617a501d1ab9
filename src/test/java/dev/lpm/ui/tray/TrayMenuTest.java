package dev.lpm.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceState;
import dev.lpm.ui.FakeDesktopBackend;
import dev.lpm.ui.FxEvents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrayMenuTest {

    final FakeDesktopBackend backend = new FakeDesktopBackend();
    final FxEvents events = new FxEvents(backend.bus, Runnable::run);
    final RecordingActions actions = new RecordingActions();
    TrayMenu menu;

    @AfterEach
    void close() {
        if (menu != null) {
            menu.close();
        }
        events.close();
    }

    static List<String> labels(List<MenuItemModel> items) {
        return items.stream().map(MenuItemModel::label).toList();
    }

    static MenuItemModel.Submenu submenu(List<MenuItemModel> items, String prefix) {
        return items.stream().filter(i -> i instanceof MenuItemModel.Submenu && i.label().startsWith(prefix))
                .map(MenuItemModel.Submenu.class::cast).findFirst().orElseThrow();
    }

    static MenuItemModel.Action action(List<MenuItemModel> items, String prefix) {
        return items.stream().filter(i -> i instanceof MenuItemModel.Action && i.label().startsWith(prefix))
                .map(MenuItemModel.Action.class::cast).findFirst().orElseThrow();
    }

    @Test
    void listsServicesThenRegisterKillSwitchWindowQuit() {
        backend.put("web", "x {port}", ServiceState.STOPPED);
        backend.put("api", "x {port}", ServiceState.RUNNING);
        menu = new TrayMenu(backend, events, actions);
        assertThat(labels(menu.items())).containsExactly("api — running", "web — stopped", "", TrayMenu.REGISTER,
                TrayMenu.KILL_SWITCH, "", TrayMenu.OPEN_WINDOW, TrayMenu.QUIT);
        MenuItemModel.Submenu api = submenu(menu.items(), "api");
        assertThat(labels(api.items())).containsExactly("Open http://api.localhost:1355", "Start", "Stop");
        assertThat(action(api.items(), "Start").enabled()).isFalse();
        assertThat(action(api.items(), "Stop").enabled()).isTrue();
        MenuItemModel.Submenu web = submenu(menu.items(), "web");
        assertThat(action(web.items(), "Start").enabled()).isTrue();
        assertThat(action(web.items(), "Stop").enabled()).isFalse();
    }

    @Test
    void itemsCallTheSharedUiActions() {
        backend.put("api", "x {port}", ServiceState.RUNNING);
        menu = new TrayMenu(backend, events, actions);
        List<MenuItemModel> items = menu.items();
        action(submenu(items, "api").items(), "Open").run().run();
        action(submenu(items, "api").items(), "Stop").run().run();
        action(submenu(items, "api").items(), "Start").run().run();
        action(items, TrayMenu.REGISTER).run().run();
        action(items, TrayMenu.OPEN_WINDOW).run().run();
        MenuItemModel.Toggle killSwitch = (MenuItemModel.Toggle) items.stream()
                .filter(i -> i.label().equals(TrayMenu.KILL_SWITCH)).findFirst().orElseThrow();
        assertThat(killSwitch.checked()).isTrue();
        killSwitch.onChange().accept(false);
        action(items, TrayMenu.QUIT).run().run();
        assertThat(actions.calls).containsExactly("open api", "stop api", "start api", "register", "window",
                "killSwitch false", "quit");
    }

    @Test
    void rebuiltOnServiceAndSettingsEvents() {
        menu = new TrayMenu(backend, events, actions);
        assertThat(labels(menu.items())).first().isEqualTo(TrayMenu.NO_SERVICES);
        List<List<MenuItemModel>> rebuilt = new ArrayList<>();
        menu.onChange(rebuilt::add);

        backend.put("api", "x {port}", ServiceState.STARTING);
        assertThat(labels(menu.items())).first().isEqualTo("api — starting");
        backend.put("api", "x {port}", ServiceState.CRASHED);
        MenuItemModel.Submenu crashed = submenu(menu.items(), "api");
        assertThat(crashed.label()).isEqualTo("api — crashed");
        assertThat(action(crashed.items(), "Start").enabled()).isTrue();
        assertThat(action(crashed.items(), "Stop").enabled()).isTrue();

        backend.updateSettings(s -> s.edit(b -> b.killSwitch = false).edit(b -> b.proxyPort = 8055));
        assertThat(((MenuItemModel.Toggle) menu.items().stream().filter(i -> i instanceof MenuItemModel.Toggle)
                .findFirst().orElseThrow()).checked()).isFalse();
        assertThat(labels(submenu(menu.items(), "api").items())).first().isEqualTo("Open http://api.localhost:8055");

        backend.unregister(ServiceName.of("api"));
        assertThat(labels(menu.items())).first().isEqualTo(TrayMenu.NO_SERVICES);
        assertThat(rebuilt).hasSize(4);
    }

    /** Records what the menu asked for, in order. */
    static final class RecordingActions implements dev.lpm.ui.UiActions {
        final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void openService(ServiceName name) {
            calls.add("open " + name);
        }

        @Override
        public void showWindow() {
            calls.add("window");
        }

        @Override
        public void showRegisterDialog() {
            calls.add("register");
        }

        @Override
        public void showSettings() {
            calls.add("settings");
        }

        @Override
        public void setKillSwitch(boolean on) {
            calls.add("killSwitch " + on);
        }

        @Override
        public void startService(ServiceName name) {
            calls.add("start " + name);
        }

        @Override
        public void stopService(ServiceName name) {
            calls.add("stop " + name);
        }

        @Override
        public void quit() {
            calls.add("quit");
        }
    }
}
