package dev.lpm.ui.window;

import dev.lpm.core.Finding;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The audit's findings in a tree: groups (by container or by severity) holding findings, each row
 * coloured by severity, the fix one click away from the clipboard.
 */
public final class FindingsView extends BorderPane {

    /** A tree node: a group heading, or one finding. */
    record Node(String group, int size, Finding finding) {
        static Node heading(String group, int size) {
            return new Node(group, size, null);
        }

        static Node of(Finding finding) {
            return new Node(null, 0, finding);
        }
    }

    private final FindingsViewModel vm;
    private final TreeTableView<Node> tree = new TreeTableView<>();
    /** Whether the window the tree is in shows (false while it is in no window). */
    private final javafx.beans.value.ObservableValue<Boolean> windowShowing = tree.sceneProperty()
            .flatMap(javafx.scene.Scene::windowProperty).flatMap(javafx.stage.Window::showingProperty).orElse(false);
    private boolean stale;
    private final ChoiceBox<FindingsViewModel.Grouping> grouping =
            new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(FindingsViewModel.Grouping.values()));

    public FindingsView(FindingsViewModel vm) {
        this.vm = vm;
        getStyleClass().add("page");
        tree.setId("findings-tree");
        tree.setShowRoot(false);
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tree.setPlaceholder(new Label("No findings: the audit found nothing to fix."));
        tree.getColumns().addAll(List.of(
                text("Finding", 200, n -> n.finding() == null ? n.group() + " (" + n.size() + ")" : n.finding().id()),
                text("Severity", 80, n -> n.finding() == null ? "" : n.finding().severity().label()),
                text("Container", 120, n -> n.finding() == null ? "" : n.finding().container()),
                text("Ref", 80, n -> n.finding() == null ? "" : n.finding().reference()),
                text("Seen", 200, n -> n.finding() == null ? "" : n.finding().seen()),
                text("Why", 220, n -> n.finding() == null ? "" : n.finding().why()),
                fixColumn()));
        tree.setRowFactory(t -> new TreeTableRow<>() {
            @Override
            protected void updateItem(Node node, boolean empty) {
                super.updateItem(node, empty);
                getStyleClass().removeIf(s -> s.startsWith("severity-") || s.equals("group-row"));
                if (!empty && node != null) {
                    getStyleClass().add(node.finding() == null ? "group-row"
                            : "severity-" + node.finding().severity().name().toLowerCase(Locale.ROOT));
                }
            }
        });

        grouping.setValue(FindingsViewModel.Grouping.CONTAINER);
        grouping.valueProperty().addListener((obs, old, now) -> rebuild());
        vm.findings().addListener((ListChangeListener<Finding>) change -> rebuildWhenShowing());
        windowShowing.addListener((obs, was, now) -> {
            if (Boolean.TRUE.equals(now) && stale) {
                rebuild();
            }
        });
        rebuild();

        Label title = new Label("Findings");
        title.getStyleClass().add("page-title");
        Label summary = new Label();
        summary.getStyleClass().add("muted");
        summary.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> FindingsViewModel.summary(vm.findings()), vm.findings()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, summary, spacer, new Label("Group:"), grouping);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(0, 0, 10, 0));
        setTop(header);
        setCenter(tree);
    }

    /**
     * Findings arrive while the window is hidden (the app lives in the tray): a new tree then would make
     * its rows compute their style while JavaFX has put the hidden scene's styles away, so every looked-up
     * colour fails to resolve (CssStyleHelper warnings, rows without their colours). The tree is rebuilt
     * when the window shows again instead.
     */
    private void rebuildWhenShowing() {
        if (tree.getScene() == null || Boolean.TRUE.equals(windowShowing.getValue())) {
            rebuild();
        } else {
            stale = true;
        }
    }

    private void rebuild() {
        stale = false;
        TreeItem<Node> root = new TreeItem<>();
        for (Map.Entry<String, List<Finding>> group : vm.grouped(grouping.getValue()).entrySet()) {
            TreeItem<Node> heading = new TreeItem<>(Node.heading(group.getKey(), group.getValue().size()));
            heading.setExpanded(true);
            group.getValue().forEach(f -> heading.getChildren().add(new TreeItem<>(Node.of(f))));
            root.getChildren().add(heading);
        }
        tree.setRoot(root);
    }

    private static TreeTableColumn<Node, String> text(String title, double width, Function<Node, String> value) {
        TreeTableColumn<Node, String> c = new TreeTableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue().getValue())));
        c.setCellFactory(col -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                // Long "seen" and "why" texts are cut by the column; the tooltip shows them whole.
                setTooltip(empty || text == null || text.isEmpty() ? null : new javafx.scene.control.Tooltip(text));
            }
        });
        c.setPrefWidth(width);
        return c;
    }

    private static TreeTableColumn<Node, Node> fixColumn() {
        TreeTableColumn<Node, Node> c = new TreeTableColumn<>("Fix");
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().getValue()));
        c.setCellFactory(col -> new TreeTableCell<>() {
            private final Label fix = new Label();
            private final Button copy = new Button("Copy");
            private final HBox box = new HBox(6, copy, fix);

            {
                box.setAlignment(Pos.CENTER_LEFT);
                copy.getStyleClass().add("small");
                copy.setMinWidth(Region.USE_PREF_SIZE);
                copy.setOnAction(e -> ServicesView.putOnClipboard(getItem().finding().fix()));
            }

            @Override
            protected void updateItem(Node node, boolean empty) {
                super.updateItem(node, empty);
                if (empty || node == null || node.finding() == null) {
                    setGraphic(null);
                    return;
                }
                fix.setText(node.finding().fix());
                fix.setTooltip(new javafx.scene.control.Tooltip(node.finding().fix()));
                setGraphic(box);
            }
        });
        c.setPrefWidth(280);
        return c;
    }
}
