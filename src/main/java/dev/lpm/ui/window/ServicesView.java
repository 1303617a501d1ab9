package dev.lpm.ui.window;

import dev.lpm.core.ServiceState;
import dev.lpm.ui.UiActions;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/** The services table: open, copy, start/stop, restart, unregister, logs. */
public final class ServicesView extends BorderPane {

    private final ServicesViewModel vm;
    private final UiActions actions;
    private final Consumer<ServiceRow> openLogs;
    private final TableView<ServiceRow> table;
    /** One timer for every row's uptime, rather than one per cell. */
    private final Timeline uptimeTicker;

    public ServicesView(ServicesViewModel vm, UiActions actions, Consumer<ServiceRow> openLogs) {
        this.vm = vm;
        this.actions = actions;
        this.openLogs = openLogs;
        getStyleClass().add("page");
        table = new TableView<>(vm.rows());
        table.setId("services-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No services yet. Register one with File \u2192 Register\u2026 (Ctrl+N)."));
        table.getColumns().addAll(List.of(nameColumn(), groupColumn(), urlColumn(), portColumn(), stateColumn(), uptimeColumn(),
                flagsColumn(), actionsColumn()));

        Button register = new Button("_Register\u2026");
        register.setMnemonicParsing(true);
        register.getStyleClass().add("accent");
        register.setOnAction(e -> actions.showRegisterDialog());
        Label title = new Label("Services");
        title.getStyleClass().add("page-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, register);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(0, 0, 10, 0));
        setTop(header);
        setCenter(table);

        uptimeTicker = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.tick()));
        uptimeTicker.setCycleCount(Animation.INDEFINITE);
        // Tick only while the table is on screen: a hidden window needs no clock.
        sceneProperty().flatMap(scene -> scene.windowProperty()).flatMap(window -> window.showingProperty())
                .orElse(false).subscribe(showing -> {
                    if (showing) {
                        vm.tick();
                        uptimeTicker.play();
                    } else {
                        uptimeTicker.stop();
                    }
                });
    }

    private TableColumn<ServiceRow, String> nameColumn() {
        TableColumn<ServiceRow, String> c = new TableColumn<>("Name");
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().name().value()));
        c.setPrefWidth(120);
        return c;
    }

    /** The project a service came from ({@code lpm up}); rows are ordered by it, so a project's services sit together. */
    private TableColumn<ServiceRow, String> groupColumn() {
        TableColumn<ServiceRow, String> c = new TableColumn<>("Group");
        c.setId("group-column");
        c.setCellValueFactory(cell -> cell.getValue().groupProperty());
        c.setPrefWidth(90);
        return c;
    }

    private TableColumn<ServiceRow, ServiceRow> urlColumn() {
        TableColumn<ServiceRow, ServiceRow> c = new TableColumn<>("URL");
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            private final Hyperlink link = new Hyperlink();
            private final Button copy = new Button("Copy");
            private final HBox box = new HBox(4, link, copy);

            {
                box.setAlignment(Pos.CENTER_LEFT);
                copy.getStyleClass().addAll("small", "copy-url");
                link.getStyleClass().add("service-url");
                link.setOnAction(e -> {
                    link.setVisited(false);
                    actions.openService(getItem().name());
                });
                copy.setOnAction(e -> putOnClipboard(getItem().url()));
            }

            @Override
            protected void updateItem(ServiceRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                link.setText(row.url());
                link.setTooltip(new Tooltip("Open " + row.url() + " in the browser"));
                copy.setTooltip(new Tooltip("Copy " + row.url()));
                setGraphic(box);
            }
        });
        c.setPrefWidth(260);
        return c;
    }

    private TableColumn<ServiceRow, Number> portColumn() {
        TableColumn<ServiceRow, Number> c = new TableColumn<>("Port");
        c.setCellValueFactory(cell -> cell.getValue().portProperty());
        c.setPrefWidth(60);
        return c;
    }

    private TableColumn<ServiceRow, ServiceState> stateColumn() {
        TableColumn<ServiceRow, ServiceState> c = new TableColumn<>("State");
        c.setCellValueFactory(cell -> cell.getValue().stateProperty());
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(ServiceState state, boolean empty) {
                super.updateItem(state, empty);
                getStyleClass().removeIf(s -> s.startsWith("state-"));
                if (empty || state == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(state.name().toLowerCase(Locale.ROOT));
                getStyleClass().add("state-" + state.name().toLowerCase(Locale.ROOT));
                ServiceRow row = getTableRow() == null ? null : getTableRow().getItem();
                setTooltip(row == null || row.reasonProperty().get().isEmpty() ? null
                        : new Tooltip(row.reasonProperty().get()));
            }
        });
        c.setPrefWidth(90);
        return c;
    }

    private TableColumn<ServiceRow, String> uptimeColumn() {
        TableColumn<ServiceRow, String> c = new TableColumn<>("Uptime");
        c.setCellValueFactory(cell -> cell.getValue().uptimeProperty());
        c.setPrefWidth(80);
        return c;
    }

    /** The flags, after a warning badge (its tooltip: why and the fix) while other machines reach the port. */
    private TableColumn<ServiceRow, ServiceRow> flagsColumn() {
        TableColumn<ServiceRow, ServiceRow> c = new TableColumn<>("Flags");
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            private final Label exposure = new Label();
            private final Tooltip advice = new Tooltip();
            private final Label flags = new Label();
            private final HBox box = new HBox(6, exposure, flags);

            {
                box.setAlignment(Pos.CENTER_LEFT);
                exposure.getStyleClass().addAll("badge", "badge-warn", "exposure-badge");
                exposure.managedProperty().bind(exposure.visibleProperty());
                advice.setWrapText(true);
                advice.setMaxWidth(520);
                exposure.setTooltip(advice);
            }

            @Override
            protected void updateItem(ServiceRow row, boolean empty) {
                super.updateItem(row, empty);
                // A cell is reused for other rows: bound to the row it shows now, so later changes show too.
                exposure.textProperty().unbind();
                exposure.visibleProperty().unbind();
                advice.textProperty().unbind();
                flags.textProperty().unbind();
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                exposure.textProperty().bind(Bindings.concat("\u26a0 ", row.exposureProperty()));
                exposure.visibleProperty().bind(row.exposureProperty().isNotEmpty());
                advice.textProperty().bind(row.exposureAdviceProperty());
                flags.textProperty().bind(row.flagsProperty());
                setGraphic(box);
            }
        });
        c.setPrefWidth(200);
        return c;
    }

    private TableColumn<ServiceRow, ServiceState> actionsColumn() {
        TableColumn<ServiceRow, ServiceState> c = new TableColumn<>("Actions");
        c.setCellValueFactory(cell -> cell.getValue().stateProperty());
        c.setSortable(false);
        c.setCellFactory(col -> new TableCell<>() {
            private final Button startStop = new Button();
            private final Button restart = new Button("Restart");
            private final Button logs = new Button("Logs");
            private final Button unregister = new Button("Unregister");
            private final HBox box = new HBox(4, startStop, restart, logs, unregister);

            {
                box.setAlignment(Pos.CENTER_LEFT);
                for (Button b : List.of(startStop, restart, logs, unregister)) {
                    b.getStyleClass().add("small");
                }
                unregister.getStyleClass().add("danger");
                startStop.setOnAction(e -> {
                    ServiceRow row = getTableRow().getItem();
                    if (row.state().isActive()) {
                        vm.stop(row.name());
                    } else {
                        vm.start(row.name());
                    }
                });
                restart.setOnAction(e -> vm.restart(getTableRow().getItem().name()));
                logs.setOnAction(e -> openLogs.accept(getTableRow().getItem()));
                unregister.setOnAction(e -> confirmUnregister(getTableRow().getItem()));
            }

            @Override
            protected void updateItem(ServiceState state, boolean empty) {
                super.updateItem(state, empty);
                if (empty || state == null) {
                    setGraphic(null);
                    return;
                }
                startStop.setText(state.isActive() ? "Stop" : "Start");
                setGraphic(box);
            }
        });
        c.setPrefWidth(270);
        c.setMinWidth(250);
        return c;
    }

    private void confirmUnregister(ServiceRow row) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "Stop " + row.name() + " and forget its registration? Its port " + row.portProperty().get()
                        + " becomes free for other services.", ButtonType.CANCEL, ButtonType.OK);
        confirm.setTitle("Unregister " + row.name());
        confirm.setHeaderText("Unregister " + row.name() + "?");
        if (getScene() != null) {
            confirm.initOwner(getScene().getWindow());
        }
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> vm.unregister(row.name()));
    }

    static void putOnClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    public TableView<ServiceRow> table() {
        return table;
    }
}
