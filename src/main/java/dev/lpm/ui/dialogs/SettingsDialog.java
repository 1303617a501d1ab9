package dev.lpm.ui.dialogs;

import dev.lpm.platform.LoginStart;
import dev.lpm.ui.DesktopBackend;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The settings dialog: the view over a {@link SettingsViewModel}. Sections are grouped by when their
 * changes take effect, and each says so.
 */
public final class SettingsDialog {

    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);

    private final SettingsViewModel model;
    private final TrustViewModel trust;
    private final Dialog<String> dialog = new Dialog<>();

    private SettingsDialog(Window owner, SettingsViewModel model, TrustViewModel trust) {
        this.model = model;
        this.trust = trust;
        dialog.initOwner(owner);
        dialog.setTitle("lpm settings");
        dialog.setResizable(true);
        DialogPane pane = dialog.getDialogPane();
        DialogStyles.apply(pane, owner);
        pane.getStyleClass().add("lpm-settings-dialog");
        pane.setHeaderText(null);
        pane.setGraphic(null);
        pane.getButtonTypes().setAll(SAVE, ButtonType.CANCEL);
        pane.setContent(content());
        pane.setPrefWidth(720);
        DialogStyles.keepHeightFitted(pane, model.problemsProperty(), model.pendingChangesProperty(),
                model.saveErrorProperty(), model.busyProperty(), trust.busyProperty());

        Button save = (Button) pane.lookupButton(SAVE);
        save.setId("saveButton");
        save.disableProperty().bind(model.canSaveProperty().not());
        // Save runs off the FX thread; the dialog closes when it worked and stays open (with the error) if not.
        save.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            model.save();
        });
        pane.lookupButton(ButtonType.CANCEL).setId("cancelButton");
        dialog.setResultConverter(button -> button == SAVE ? model.savedSummaryProperty().get() : null);
        model.savedSummaryProperty().addListener((o, before, summary) -> {
            if (!summary.isEmpty()) {
                dialog.setResult(summary);
                dialog.close();
            }
        });
    }

    /**
     * Opens the dialog without waiting (call on the FX thread). Its result is what was saved and when it
     * applies ("Applies at once: kill switch. Applies when lpm starts next: proxy port."), or null when it
     * was cancelled.
     *
     * @param owner      the window it is modal to, or null (opened from the tray)
     * @param loginStart how lpm starts at login on this platform, or null where it cannot
     */
    public static Dialog<String> show(Window owner, DesktopBackend backend, LoginStart loginStart) {
        SettingsDialog view = new SettingsDialog(owner,
                new SettingsViewModel(backend, loginStart, BackgroundCall.offFxThread()),
                new TrustViewModel(backend, BackgroundCall.offFxThread()));
        view.dialog.show();
        return view.dialog;
    }

    private Node content() {
        VBox content = new VBox(10,
                DialogStyles.heading("Settings", "Saved to settings.json in lpm's home directory."),
                section("Security", "applies at once", security()),
                section("HTTPS", "applies at once", https()),
                section("Ports", "applies when lpm starts next", ports()),
                section("VPN detection", "applies when lpm starts next", vpnPatterns()),
                section("Desktop", "applies at once", new VBox(6, loginStart(), notifications())),
                status());
        content.setPadding(new Insets(4, 2, 0, 2));
        return content;
    }

    private static Node section(String title, String when, Node body) {
        Label whenLabel = new Label(when);
        whenLabel.getStyleClass().add("lpm-applies-note");
        HBox heading = new HBox(10, DialogStyles.sectionTitle(title), whenLabel);
        heading.setAlignment(Pos.BASELINE_LEFT);
        VBox box = new VBox(6, heading, body);
        box.getStyleClass().add("lpm-settings-section");
        return box;
    }

    private Node security() {
        CheckBox killSwitch = checkBox("killSwitch",
                "Kill switch: while a VPN is up, block Docker containers that publish ports",
                model.killSwitchProperty());
        CheckBox resume = checkBox("resumeContainers",
                "When the VPN goes down, start the containers the kill switch stopped",
                model.resumeContainersProperty());
        CheckBox isolated = checkBox("isolatedDefault",
                "New Docker services are isolated by default (register dialog)", model.isolatedDefaultProperty());
        return new VBox(6, killSwitch, resume, isolated);
    }

    /** The address scheme (urlScheme) and where lpm's CA is trusted, with the button that trusts it. */
    private Node https() {
        javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
        HBox choices = new HBox(12, new Label("Addresses lpm prints and opens:"));
        choices.setAlignment(Pos.CENTER_LEFT);
        for (dev.lpm.core.UrlScheme scheme : dev.lpm.core.UrlScheme.values()) {
            javafx.scene.control.RadioButton choice = new javafx.scene.control.RadioButton(switch (scheme) {
                case AUTO -> "https once trusted, else http";
                case HTTP -> "http";
                case HTTPS -> "https";
            });
            choice.setId("urlScheme-" + scheme.word());
            choice.setToggleGroup(group);
            choice.setUserData(scheme);
            choice.setSelected(model.urlSchemeProperty().get() == scheme);
            choices.getChildren().add(choice);
        }
        group.selectedToggleProperty().addListener((o, before, chosen) -> {
            if (chosen != null) {
                model.urlSchemeProperty().set((dev.lpm.core.UrlScheme) chosen.getUserData());
            }
        });
        return new VBox(6, choices, TrustSection.of(trust));
    }

    /** A box per kind of desktop notification; unchecked kinds are muted (mutedNotifications). */
    private Node notifications() {
        HBox boxes = new HBox(12, new Label("Notify about:"),
                checkBox("notifyBlocks", "blocked containers", model.notifyProperty("blocks")),
                checkBox("notifyVpn", "the VPN going up or down", model.notifyProperty("vpn")),
                checkBox("notifyCrashes", "crashing services", model.notifyProperty("crashes")));
        boxes.setAlignment(Pos.CENTER_LEFT);
        return boxes;
    }

    private Node ports() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        grid.addRow(0, fieldLabel("Proxy port"), portField("proxyPort", model.proxyPortProperty()),
                DialogStyles.hint("http://NAME.localhost:PORT"));
        HBox range = new HBox(6, portField("rangeFirst", model.rangeFirstProperty()), new Label("to"),
                portField("rangeLast", model.rangeLastProperty()));
        range.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(1, fieldLabel("Service ports"), range, DialogStyles.hint("1024-65535, not the proxy port"));
        return grid;
    }

    private Node vpnPatterns() {
        HBox lists = new HBox(10,
                linesEditor("interfacePatterns", "Interface names (regex)", model.interfacePatternsProperty()),
                linesEditor("adapterDescriptions", "Adapter descriptions", model.adapterDescriptionsProperty()),
                linesEditor("processNames", "VPN client processes", model.processNamesProperty()));
        return new VBox(4, lists, DialogStyles.hint("One per line. Interface names are regular expressions "
                + "matched against the whole name; descriptions and process names match as written, ignoring case."));
    }

    private Node loginStart() {
        CheckBox login = checkBox("startAtLogin", "Start lpm when I log in", model.startAtLoginProperty());
        login.setDisable(!model.loginStartAvailable());
        Label where = DialogStyles.hint(model.loginStartNote());
        where.setId("loginStartNote");
        HBox row = new HBox(12, login, where);
        row.setAlignment(Pos.BASELINE_LEFT);
        return row;
    }

    private Node status() {
        Label problems = DialogStyles.errorLabel("problems");
        problems.getStyleClass().add("lpm-problems");
        problems.textProperty().bind(model.problemsProperty());

        Label pending = new Label();
        pending.setId("pendingChanges");
        pending.getStyleClass().add("lpm-pending");
        pending.setWrapText(true);
        pending.setMinHeight(Region.USE_PREF_SIZE);
        pending.setMaxWidth(Double.MAX_VALUE);
        pending.textProperty().bind(model.pendingChangesProperty());
        pending.visibleProperty().bind(pending.textProperty().isNotEmpty());
        pending.managedProperty().bind(pending.visibleProperty());

        Label error = DialogStyles.errorLabel("saveError");
        error.getStyleClass().add("lpm-submit-error");
        error.textProperty().bind(model.saveErrorProperty());
        return new VBox(6, problems, pending, error);
    }

    private static CheckBox checkBox(String id, String text, javafx.beans.property.BooleanProperty value) {
        CheckBox box = new CheckBox(text);
        box.setId(id);
        box.selectedProperty().bindBidirectional(value);
        return box;
    }

    private static TextField portField(String id, javafx.beans.property.StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(6);
        field.setMaxWidth(Region.USE_PREF_SIZE);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private static Label fieldLabel(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Node linesEditor(String id, String title, javafx.beans.property.StringProperty value) {
        TextArea area = new TextArea();
        area.setId(id);
        area.getStyleClass().add("lpm-lines");
        area.setPrefRowCount(6);
        area.setPrefColumnCount(14);
        area.textProperty().bindBidirectional(value);
        VBox box = new VBox(4, fieldLabel(title), area);
        HBox.setHgrow(box, Priority.ALWAYS);
        return box;
    }
}
