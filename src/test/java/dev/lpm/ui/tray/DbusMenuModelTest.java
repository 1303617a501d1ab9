package dev.lpm.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

class DbusMenuModelTest {

    final List<String> calls = new ArrayList<>();
    final DbusMenuModel.Ids ids = new DbusMenuModel.Ids();

    List<MenuItemModel> menu(String webState, boolean killSwitch) {
        return List.of(
                new MenuItemModel.Submenu("web — " + webState, List.of(
                        new MenuItemModel.Action("Open http://web.localhost:1355", true, () -> calls.add("open web")),
                        new MenuItemModel.Action("Start", !webState.equals("running"), () -> calls.add("start web")))),
                new MenuItemModel.Separator(),
                new MenuItemModel.Toggle("Kill switch", killSwitch, on -> calls.add("killSwitch " + on)),
                new MenuItemModel.Separator(),
                new MenuItemModel.Action("Open LocalPortManager", true, () -> calls.add("window")),
                new MenuItemModel.Action("my_tool", true, () -> calls.add("underscore")));
    }

    static String label(DbusMenuModel model, int id) {
        return (String) model.item(id).orElseThrow().properties().get("label");
    }

    @Test
    void theRootListsTheTopLevelItemsInOrderWithTheirProperties() {
        DbusMenuModel model = DbusMenuModel.of(menu("running", true), ids);
        List<Integer> top = model.item(DbusMenuModel.ROOT).orElseThrow().children();
        assertThat(top).hasSize(6);
        DbusMenuModel.Item web = model.item(top.get(0)).orElseThrow();
        assertThat(web.properties()).containsEntry("label", "web — running").containsEntry("children-display", "submenu");
        assertThat(web.children()).hasSize(2);
        assertThat(model.item(web.children().get(1)).orElseThrow().properties())
                .containsEntry("label", "Start").containsEntry("enabled", false);
        assertThat(model.item(top.get(1)).orElseThrow().properties()).isEqualTo(Map.of("type", "separator"));
        assertThat(model.item(top.get(2)).orElseThrow().properties()).containsEntry("toggle-type", "checkmark")
                .containsEntry("toggle-state", 1);
        // defaults are left out, as the protocol asks
        assertThat(model.item(top.get(4)).orElseThrow().properties()).isEqualTo(Map.of("label", "Open LocalPortManager"));
        assertThat(label(model, top.get(5))).as("underscores are not access keys").isEqualTo("my__tool");
    }

    @Test
    void clicksRunTheActionsAndAToggleAsksForTheOtherState() {
        DbusMenuModel model = DbusMenuModel.of(menu("running", true), ids);
        assertThat(model.click(model.find("Open LocalPortManager").orElseThrow().id())).isTrue();
        assertThat(model.click(model.find("Kill switch").orElseThrow().id())).isTrue();
        assertThat(model.click(model.find("Start").orElseThrow().id())).as("disabled").isFalse();
        assertThat(model.click(model.find("web — running").orElseThrow().id())).as("a submenu").isFalse();
        assertThat(model.click(4711)).isFalse();
        assertThat(calls).containsExactly("window", "killSwitch false");
    }

    @Test
    void idsSurviveARebuildSoALateClickStillHitsTheSameItem() {
        DbusMenuModel before = DbusMenuModel.of(menu("running", true), ids);
        DbusMenuModel after = DbusMenuModel.of(menu("running", false), ids);
        int window = before.find("Open LocalPortManager").orElseThrow().id();
        assertThat(after.find("Open LocalPortManager").orElseThrow().id()).isEqualTo(window);
        assertThat(after.sameShape(before)).isTrue();
        assertThat(after.changedSince(before)).singleElement()
                .satisfies(i -> assertThat(i.properties()).containsEntry("toggle-state", 0));
    }

    @Test
    void aRenamedSubmenuChangesTheShape() {
        DbusMenuModel before = DbusMenuModel.of(menu("running", true), ids);
        DbusMenuModel after = DbusMenuModel.of(menu("stopped", true), ids);
        assertThat(after.sameShape(before)).isFalse();
    }

    @Test
    void theLayoutNestsChildrenAsVariantsToTheAskedDepth() {
        DbusMenuModel model = DbusMenuModel.of(menu("running", true), ids);
        DbusMenuBus.Layout all = model.layout(DbusMenuModel.ROOT, -1, List.of());
        assertThat(all.id).isEqualTo(DbusMenuModel.ROOT);
        assertThat(all.children).hasSize(6).allSatisfy(v -> assertThat(v.getSig()).isEqualTo("(ia{sv}av)"));
        DbusMenuBus.Layout web = (DbusMenuBus.Layout) all.children.getFirst().getValue();
        assertThat(web.children).hasSize(2);

        DbusMenuBus.Layout shallow = model.layout(DbusMenuModel.ROOT, 1, List.of("label"));
        DbusMenuBus.Layout webShallow = (DbusMenuBus.Layout) shallow.children.getFirst().getValue();
        assertThat(webShallow.children).isEmpty();
        assertThat(webShallow.properties).containsOnlyKeys("label");
        assertThat(model.layout(DbusMenuModel.ROOT, 0, List.of()).children).isEmpty();
    }

    @Test
    void variantsCarryTheDbusTypesHostsExpect() {
        DbusMenuModel model = DbusMenuModel.of(menu("running", true), ids);
        Map<String, Variant<?>> toggle = model.variants(model.find("Kill switch").orElseThrow().id(), List.of());
        assertThat(toggle.get("toggle-state").getSig()).isEqualTo("i");
        assertThat(toggle.get("label").getSig()).isEqualTo("s");
        Map<String, Variant<?>> start = model.variants(model.find("Start").orElseThrow().id(), List.of());
        assertThat(start.get("enabled").getSig()).isEqualTo("b");
    }

    @Test
    void theTrayMenuBecomesTheSameDbusMenu() {
        dev.lpm.ui.FakeDesktopBackend backend = new dev.lpm.ui.FakeDesktopBackend();
        backend.put("api", "x {port}", dev.lpm.core.ServiceState.RUNNING);
        TrayMenuTest.RecordingActions actions = new TrayMenuTest.RecordingActions();
        try (dev.lpm.ui.FxEvents events = new dev.lpm.ui.FxEvents(backend.bus, Runnable::run);
             TrayMenu trayMenu = new TrayMenu(backend, events, actions)) {
            DbusMenuModel model = DbusMenuModel.of(trayMenu.items(), ids);
            List<Object> top = model.item(DbusMenuModel.ROOT).orElseThrow().children().stream()
                    .map(id -> model.item(id).orElseThrow().properties().getOrDefault("label", "-")).toList();
            assertThat(top).containsExactly("api — running", "-", TrayMenu.REGISTER, TrayMenu.KILL_SWITCH, "-",
                    TrayMenu.OPEN_WINDOW, TrayMenu.QUIT);
            model.click(model.find(TrayMenu.OPEN_WINDOW).orElseThrow().id());
            model.click(model.find("Stop").orElseThrow().id());
            assertThat(actions.calls).containsExactly("window", "stop api");
        }
    }
}
