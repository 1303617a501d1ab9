package dev.lpm.ui.dialogs;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.Service;
import dev.lpm.ui.DesktopBackend;
import dev.lpm.ui.FxEvents;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * The register dialog: the view over a {@link RegisterViewModel}. It only lays out controls and binds
 * them; validation, the policy preview and the registration call live in the ViewModel.
 */
public final class RegisterDialog {

    public static final ButtonType REGISTER = new ButtonType("Register", ButtonBar.ButtonData.OK_DONE);

    private final RegisterViewModel model;
    private final Dialog<Service> dialog = new Dialog<>();

    private RegisterDialog(Window owner, RegisterViewModel model) {
        this.model = model;
        dialog.initOwner(owner);
        dialog.setTitle("Register a service");
        dialog.setResizable(true);
        DialogPane pane = dialog.getDialogPane();
        DialogStyles.apply(pane, owner);
        pane.getStyleClass().add("lpm-register-dialog");
        pane.setHeaderText(null);
        pane.setGraphic(null);
        pane.getButtonTypes().setAll(REGISTER, ButtonType.CANCEL);
        pane.setContent(content());
        pane.setPrefWidth(700);
        DialogStyles.keepHeightFitted(pane, model.previewProperty(), model.submitErrorProperty(),
                model.nameErrorProperty(), model.urlProperty(), model.commandErrorProperty(), model.portErrorProperty(),
                model.directoryErrorProperty(), model.busyProperty());

        Button ok = (Button) pane.lookupButton(REGISTER);
        ok.setId("registerButton");
        ok.disableProperty().bind(model.canSubmitProperty().not());
        // OK starts the registration instead of closing; the dialog closes when the backend said yes.
        ok.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            model.submit();
        });
        pane.lookupButton(ButtonType.CANCEL).setId("cancelButton");
        dialog.setResultConverter(button -> button == REGISTER ? model.registeredProperty().get() : null);
        model.registeredProperty().addListener((o, before, service) -> {
            if (service != null) {
                dialog.setResult(service);
                dialog.close();
            }
        });
    }

    /**
     * Opens the dialog without waiting (call on the FX thread). Its result is the registered service, or
     * null when it was cancelled. While it is open it follows VPN, settings and service changes.
     *
     * @param owner the window it is modal to, or null (opened from the tray)
     */
    public static Dialog<Service> show(Window owner, DesktopBackend backend) {
        RegisterDialog view = new RegisterDialog(owner, new RegisterViewModel(backend, BackgroundCall.offFxThread()));
        FxEvents events = new FxEvents(backend.events(), Platform::runLater);
        events.listen(event -> {
            if (event instanceof LpmEvent.VpnChanged || event instanceof LpmEvent.SettingsChanged
                    || event instanceof LpmEvent.ServiceChanged || event instanceof LpmEvent.ServiceRemoved) {
                view.model.refresh();
            }
        });
        view.dialog.setOnHidden(e -> events.close());
        view.dialog.show();
        return view.dialog;
    }

    private Node content() {
        GridPane form = new GridPane();
        form.getStyleClass().add("lpm-form");
        form.setHgap(12);
        form.setVgap(6);
        form.getColumnConstraints().addAll(new ColumnConstraints(), grow());
        int row = 0;

        TextField name = new TextField();
        name.setId("name");
        name.setPromptText("e.g. api or my-app");
        name.textProperty().bindBidirectional(model.nameProperty());
        form.addRow(row++, label("Name", name), name);
        Label nameError = DialogStyles.errorLabel("nameError");
        nameError.textProperty().bind(model.nameErrorProperty());
        Label url = DialogStyles.hint("");
        url.setId("url");
        url.textProperty().bind(model.urlProperty().map(u -> u.isEmpty() ? "" : "Served at " + u));
        url.visibleProperty().bind(model.urlProperty().isNotEmpty());
        url.managedProperty().bind(url.visibleProperty());
        form.add(new VBox(url, nameError), 1, row++);

        TextField command = new TextField();
        command.setId("command");
        command.getStyleClass().add("lpm-command-input");
        command.setPromptText("e.g. npm run dev -- --port {port}");
        command.textProperty().bindBidirectional(model.commandProperty());
        form.addRow(row++, label("Command", command), command);
        form.add(DialogStyles.hint("{port} becomes the service's port. docker, podman and nerdctl commands are "
                + "secured before they run, as shown below."), 1, row++);
        Label commandError = DialogStyles.errorLabel("commandError");
        commandError.textProperty().bind(model.commandErrorProperty());
        form.add(commandError, 1, row++);

        form.addRow(row++, label("Port", null), portRow());
        Label portError = DialogStyles.errorLabel("portError");
        portError.textProperty().bind(model.portErrorProperty());
        form.add(portError, 1, row++);

        form.addRow(row++, label("Directory", null), directoryRow());
        Label directoryError = DialogStyles.errorLabel("directoryError");
        directoryError.textProperty().bind(model.directoryErrorProperty());
        form.add(directoryError, 1, row++);

        Label optionsLabel = label("Options", null);
        GridPane.setValignment(optionsLabel, javafx.geometry.VPos.TOP);
        form.addRow(row++, optionsLabel, options());

        VBox content = new VBox(14, DialogStyles.heading("Register a service",
                "Give a local service a stable URL; lpm assigns the port and secures container commands."), form, new SecurityPreviewView(model.previewProperty()).node(), status());
        content.setPadding(new Insets(4, 2, 0, 2));
        return content;
    }

    private Node portRow() {
        Label assigned = new Label();
        assigned.setId("portSummary");
        assigned.textProperty().bind(model.portSummaryProperty());
        CheckBox choose = new CheckBox("Choose a port:");
        choose.setId("choosePort");
        choose.selectedProperty().bindBidirectional(model.choosePortProperty());
        TextField port = new TextField();
        port.setId("chosenPort");
        port.setPrefColumnCount(6);
        port.disableProperty().bind(choose.selectedProperty().not());
        port.textProperty().bindBidirectional(model.chosenPortProperty());
        HBox box = new HBox(12, assigned, choose, port);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return box;
    }

    private Node directoryRow() {
        TextField directory = new TextField();
        directory.setId("workingDirectory");
        directory.textProperty().bindBidirectional(model.workingDirectoryProperty());
        Button browse = new Button("Browse…");
        browse.setId("browseDirectory");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Working directory");
            Path current = Path.of(model.workingDirectoryProperty().get().isBlank()
                    ? System.getProperty("user.home") : model.workingDirectoryProperty().get().strip());
            if (Files.isDirectory(current)) {
                chooser.setInitialDirectory(current.toFile());
            }
            File picked = chooser.showDialog(dialog.getDialogPane().getScene().getWindow());
            if (picked != null) {
                model.workingDirectoryProperty().set(picked.getPath());
            }
        });
        HBox.setHgrow(directory, Priority.ALWAYS);
        return new HBox(8, directory, browse);
    }

    private Node options() {
        CheckBox isolated = new CheckBox("Isolated: run the container on lpm's internal network");
        isolated.setId("isolated");
        isolated.setTooltip(new Tooltip("Nothing is published; only lpm reaches the container, VPN or not."));
        isolated.selectedProperty().bindBidirectional(model.isolatedProperty());

        CheckBox subdomains = new CheckBox("Also answer at ANYTHING.NAME.localhost");
        subdomains.setId("subdomains");
        subdomains.selectedProperty().bindBidirectional(model.subdomainsProperty());

        CheckBox bypass = new CheckBox("Bypass kill switch: keep running while a VPN is up");
        bypass.setId("killSwitchBypass");
        bypass.getStyleClass().add("lpm-risky");
        bypass.selectedProperty().bindBidirectional(model.killSwitchBypassProperty());
        // Only the user's click asks; onAction fires after the box changed, so a "no" undoes it.
        bypass.setOnAction(e -> {
            if (bypass.isSelected() && !confirmBypass()) {
                bypass.setSelected(false);
            }
        });

        CheckBox startNow = new CheckBox("Start now");
        startNow.setId("startNow");
        startNow.selectedProperty().bindBidirectional(model.startNowProperty());
        return new VBox(6, isolated, subdomains, bypass, startNow);
    }

    private boolean confirmBypass() {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, RegisterViewModel.BYPASS_RISK,
                new ButtonType("Bypass the kill switch", ButtonBar.ButtonData.OK_DONE), ButtonType.CANCEL);
        alert.initOwner(dialog.getDialogPane().getScene().getWindow());
        alert.setTitle("Bypass the kill switch?");
        alert.setHeaderText("Keep this service running while a VPN is up?");
        DialogStyles.apply(alert.getDialogPane(), alert.getOwner());
        alert.getDialogPane().getStyleClass().add("lpm-bypass-confirmation");
        return alert.showAndWait().map(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).orElse(false);
    }

    private Node status() {
        Label error = new Label();
        error.setId("submitError");
        error.getStyleClass().add("lpm-submit-error");
        error.setWrapText(true);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(model.submitErrorProperty());
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        Label working = new Label("Registering…", spinner);
        working.setId("progress");
        working.visibleProperty().bind(model.busyProperty());
        working.managedProperty().bind(working.visibleProperty());
        return new VBox(6, error, working);
    }

    private static Label label(String text, Node target) {
        Label label = new Label(text);
        label.setLabelFor(target);
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // never "..."
        return label;
    }

    private static ColumnConstraints grow() {
        ColumnConstraints c = new ColumnConstraints();
        c.setHgrow(Priority.ALWAYS);
        c.setFillWidth(true);
        return c;
    }
}
