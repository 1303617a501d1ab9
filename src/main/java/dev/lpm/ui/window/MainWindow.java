package dev.lpm.ui.window;

import dev.lpm.ui.DesktopBackend;
import dev.lpm.ui.FxEvents;
import dev.lpm.ui.UiActions;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The main window: a menu with the keyboard shortcuts, notices, and one tab per feature. Closing it
 * only hides it; the app keeps running in the tray.
 */
public final class MainWindow implements AutoCloseable {

    public static final String TITLE = "LocalPortManager";

    /** The window's pages, in tab order; Ctrl+1..5 select them. */
    public enum Page {
        DASHBOARD, SERVICES, BLOCKED, FINDINGS, ACCESS_LOG
    }

    private final Stage stage;
    private final NoticeArea notices = new NoticeArea();
    private final TabPane tabs = new TabPane();
    private final Map<Page, Tab> tabByPage = new EnumMap<>(Page.class);
    private final ServicesViewModel services;
    private final BlockedViewModel blocked;
    private final FindingsViewModel findings;
    private final DashboardViewModel dashboard;
    private final AccessLogViewModel accessLog;
    private final ServiceLogWindows logWindows;
    private final DashboardView dashboardView;

    public MainWindow(Stage stage, DesktopBackend backend, FxEvents events, UiActions actions, BackgroundWork work,
                      Theme theme) {
        this.stage = stage;
        services = new ServicesViewModel(backend, events, work, Clock.systemDefaultZone());
        blocked = new BlockedViewModel(backend, events, work);
        findings = new FindingsViewModel(backend, events);
        dashboard = new DashboardViewModel(backend, events, services.rows(), blocked.blocked(), findings.findings());
        accessLog = new AccessLogViewModel(events);
        logWindows = new ServiceLogWindows(backend, events, theme);

        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("main-tabs");
        dashboardView = new DashboardView(dashboard, actions::setKillSwitch);
        addTab(Page.DASHBOARD, Bindings.createStringBinding(() -> "Dashboard"), dashboardView);
        addTab(Page.SERVICES, Bindings.concat("Services (", Bindings.size(services.rows()), ")"), new ServicesView(services, actions,
                row -> logWindows.show(row.name(), stage)));
        addTab(Page.BLOCKED, Bindings.concat("Blocked (", Bindings.size(blocked.blocked()), ")"),
                new BlockedView(blocked));
        addTab(Page.FINDINGS, Bindings.concat("Findings (", Bindings.size(findings.findings()), ")"),
                new FindingsView(findings));
        addTab(Page.ACCESS_LOG, Bindings.createStringBinding(() -> "Access log"), new AccessLogView(accessLog));

        BorderPane root = new BorderPane(tabs);
        root.getStyleClass().add("main-window");
        root.setTop(new VBox(menu(actions), notices));
        Scene scene = new Scene(root, 1100, 700);
        theme.apply(scene);
        stage.setScene(scene);
        stage.setTitle(TITLE);
        stage.setMinWidth(760);
        stage.setMinHeight(480);
    }

    private void addTab(Page page, ObservableValue<String> title, Node content) {
        Tab tab = new Tab();
        tab.textProperty().bind(title);
        tab.setId(page.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-tab");
        tab.setContent(content);
        tabs.getTabs().add(tab);
        tabByPage.put(page, tab);
    }

    private MenuBar menu(UiActions actions) {
        MenuItem register = item("_Register service\u2026", KeyCode.N, actions::showRegisterDialog);
        MenuItem settings = item("_Settings\u2026", KeyCode.COMMA, actions::showSettings);
        MenuItem close = item("_Close window", KeyCode.W, stage::hide);
        MenuItem quit = item("_Quit LocalPortManager", KeyCode.Q, actions::quit);
        Menu file = new Menu("_File", null, register, settings, new SeparatorMenuItem(), close, quit);

        Menu view = new Menu("_View");
        List<KeyCode> digits = List.of(KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5);
        for (Page page : Page.values()) {
            MenuItem show = item(label(page), digits.get(page.ordinal()), () -> select(page));
            show.setMnemonicParsing(false);
            view.getItems().add(show);
        }
        return new MenuBar(file, view);
    }

    private static String label(Page page) {
        return switch (page) {
            case DASHBOARD -> "Dashboard";
            case SERVICES -> "Services";
            case BLOCKED -> "Blocked containers";
            case FINDINGS -> "Findings";
            case ACCESS_LOG -> "Access log";
        };
    }

    private static MenuItem item(String text, KeyCode key, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setMnemonicParsing(true);
        item.setAccelerator(new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN));
        item.setOnAction(e -> action.run());
        return item;
    }

    public void select(Page page) {
        tabs.getSelectionModel().select(tabByPage.get(page));
    }

    /** A dismissible banner at the top; FX thread only. */
    public void showNotice(String text) {
        notices.show(text, NoticeArea.Kind.INFO);
    }

    /** A failure of something the user asked for; FX thread only. */
    public void showError(String text) {
        notices.show(text, NoticeArea.Kind.ERROR);
    }

    /** Puts the kill switch toggle back to the saved setting, after a change could not be saved. */
    public void showSavedKillSwitch() {
        dashboardView.showSavedKillSwitch();
    }

    public NoticeArea notices() {
        return notices;
    }

    public Stage stage() {
        return stage;
    }

    /** Shows the window and brings it to the front; FX thread only. */
    public void bringToFront() {
        stage.show();
        stage.setIconified(false);
        stage.toFront();
        stage.requestFocus();
    }

    @Override
    public void close() {
        logWindows.closeAll();
        stage.hide();
        services.close();
        blocked.close();
        findings.close();
        dashboard.close();
        accessLog.close();
    }
}
