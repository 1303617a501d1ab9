package dev.lpm.ui.window;

import dev.lpm.core.VpnStatus;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.ToggleSwitch;

/**
 * The first page: is a VPN up and why, is the kill switch on, how many services run, what is
 * blocked, what the audit found, whether Docker answers, and what is wrong.
 */
public final class DashboardView extends ScrollPane {

    private final DashboardViewModel vm;
    private final ToggleSwitch killSwitch = new ToggleSwitch();

    /**
     * @param setKillSwitch turns the kill switch on or off (UiActions.setKillSwitch; the toggle shows the
     *                      saved setting, so it flips back if saving fails)
     */
    public DashboardView(DashboardViewModel vm, Consumer<Boolean> setKillSwitch) {
        this.vm = vm;
        getStyleClass().add("dashboard");
        setFitToWidth(true);

        GridPane grid = new GridPane(14, 14);
        grid.getStyleClass().add("page");
        for (int i = 0; i < 4; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(25);
            column.setHalignment(HPos.LEFT);
            grid.getColumnConstraints().add(column);
        }
        grid.add(vpnCard(), 0, 0, 2, 1);
        grid.add(killSwitchCard(setKillSwitch), 2, 0, 2, 1);
        grid.add(tile("Services", Bindings.concat(vm.servicesRunning(), " / ", vm.servicesTotal()),
                Bindings.createStringBinding(() -> "running of " + vm.servicesTotal().get() + " registered",
                        vm.servicesTotal())), 0, 1);
        grid.add(tile("Blocked containers", vm.blockedCount().asString(),
                Bindings.createStringBinding(() -> vm.blockedCount().get() == 0 ? "none stopped by the kill switch"
                        : "stopped by the kill switch", vm.blockedCount())), 1, 1);
        grid.add(tile("Findings", vm.findingsSummary(), Bindings.createStringBinding(() -> "from the container audit")),
                2, 1);
        grid.add(dockerTile(), 3, 1);
        grid.add(problemsCard(), 0, 2, 4, 1);
        setContent(grid);
    }

    private Node vpnCard() {
        Label state = new Label();
        state.setId("vpn-state");
        state.getStyleClass().add("card-headline");
        Label badge = new Label();
        badge.getStyleClass().add("badge");
        Label detail = new Label();
        detail.getStyleClass().add("muted");
        detail.setWrapText(true);
        VBox reasons = new VBox(2);
        reasons.getStyleClass().add("reasons");
        Runnable refresh = () -> {
            VpnStatus vpn = vm.vpnProperty().get();
            state.setText(vpn.active() ? "VPN active" : "No VPN");
            badge.setText(vpn.active() ? "PROTECTED MODE" : "OPEN");
            badge.getStyleClass().removeAll("badge-danger", "badge-ok");
            badge.getStyleClass().add(vpn.active() ? "badge-danger" : "badge-ok");
            String interfaces = vpn.interfaces().isEmpty() ? "no tunnel interface" : String.join(", ", vpn.interfaces());
            String route = vpn.publicRouteInterface().map(r -> " \u00b7 public route via " + r).orElse("");
            detail.setText(interfaces + route + " \u00b7 since " + Times.local(vm.vpnSinceProperty().get()));
            reasons.getChildren().clear();
            vpn.reasons().forEach(r -> reasons.getChildren().add(bullet(r, "reason")));
            vpn.hints().forEach(h -> reasons.getChildren().add(bullet(h, "hint")));
        };
        vm.vpnProperty().subscribe(v -> refresh.run());
        vm.vpnSinceProperty().subscribe(v -> refresh.run());
        HBox headline = new HBox(10, state, badge);
        headline.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox card = card("VPN", headline, detail, reasons);
        card.setId("vpn-card");
        vm.vpnProperty().subscribe(vpn -> card.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("active"), vpn.active()));
        return card;
    }

    private static Label bullet(String text, String styleClass) {
        Label label = new Label("\u2022 " + text);
        label.setWrapText(true);
        label.getStyleClass().add(styleClass);
        return label;
    }

    private Node killSwitchCard(Consumer<Boolean> setKillSwitch) {
        ToggleSwitch toggle = killSwitch;
        toggle.setId("kill-switch");
        toggle.setSelected(vm.killSwitchProperty().get());
        Label state = new Label();
        state.getStyleClass().add("card-headline");
        state.textProperty().bind(Bindings.when(vm.killSwitchProperty()).then("Kill switch on").otherwise(
                "Kill switch off"));
        // The toggle asks for a change; the saved setting (SettingsChanged) decides what it shows.
        vm.killSwitchProperty().addListener((obs, was, on) -> toggle.setSelected(on));
        toggle.selectedProperty().addListener((obs, was, on) -> {
            if (on != vm.killSwitchProperty().get()) {
                setKillSwitch.accept(on);
            }
        });
        Label explanation = new Label("While a VPN is up, Docker containers that publish ports beyond loopback "
                + "are stopped and services are kept on 127.0.0.1.");
        explanation.setWrapText(true);
        explanation.getStyleClass().add("muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox headline = new HBox(10, state, spacer, toggle);
        headline.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return card("Protection", headline, explanation);
    }

    /** After a change could not be saved, the toggle shows the saved setting again. */
    public void showSavedKillSwitch() {
        killSwitch.setSelected(vm.killSwitchProperty().get());
    }

    private static Node tile(String title, ObservableValue<String> value, ObservableValue<String> caption) {
        Label number = new Label();
        number.textProperty().bind(value);
        number.getStyleClass().add("tile-value");
        number.setWrapText(true);
        Label under = new Label();
        under.textProperty().bind(caption);
        under.getStyleClass().add("muted");
        under.setWrapText(true);
        VBox card = card(title, number, under);
        card.getStyleClass().add("tile");
        return card;
    }

    private Node dockerTile() {
        VBox card = (VBox) tile("Docker engine",
                Bindings.when(vm.dockerReachableProperty()).then("Reachable").otherwise("Unreachable"),
                vm.dockerDetailProperty());
        vm.dockerReachableProperty().subscribe(ok -> card.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("problem"), !ok));
        return card;
    }

    private Node problemsCard() {
        VBox list = new VBox(4);
        list.getStyleClass().add("problems");
        Runnable refresh = () -> list.getChildren().setAll(
                vm.problems().stream().map(p -> bullet(p, "problem")).toList());
        refresh.run();
        vm.problems().subscribe(refresh);
        VBox card = card("Problems", list);
        card.getStyleClass().add("problems-card");
        card.visibleProperty().bind(Bindings.isNotEmpty(vm.problems()));
        card.managedProperty().bind(card.visibleProperty());
        return card;
    }

    private static VBox card(String title, Node... content) {
        Label heading = new Label(title.toUpperCase(java.util.Locale.ROOT));
        heading.getStyleClass().add("card-title");
        VBox card = new VBox(8, heading);
        card.getChildren().addAll(content);
        card.getStyleClass().add("card");
        card.setPadding(new Insets(14, 16, 14, 16));
        card.setMaxHeight(Double.MAX_VALUE);
        GridPane.setFillHeight(card, true);
        GridPane.setVgrow(card, Priority.NEVER);
        return card;
    }
}
