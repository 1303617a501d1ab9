package dev.lpm.ui.window;

import dev.lpm.core.BlockEvent;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Containers the kill switch stopped, with why, and a Resume button each. */
public final class BlockedView extends BorderPane {

    private final BlockedViewModel vm;

    public BlockedView(BlockedViewModel vm) {
        this.vm = vm;
        getStyleClass().add("page");
        TableView<BlockEvent> table = new TableView<>(vm.blocked());
        table.setId("blocked-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No container is blocked."));
        table.getColumns().addAll(List.of(
                text("Container", 130, BlockEvent::name),
                text("Image", 130, BlockEvent::image),
                text("Blocked at", 150, b -> Times.local(b.at())),
                text("Why", 220, BlockEvent::reason),
                text("Ports", 160, b -> b.ports().isEmpty() ? "host network" : String.join(", ", b.ports())),
                text("Stopped within", 110, b -> Times.shortDuration(b.stoppedWithin())),
                resumeColumn()));

        Label title = new Label("Blocked containers");
        title.getStyleClass().add("page-title");
        Label explanation = new Label("The kill switch stopped these containers because they were reachable from "
                + "the network while a VPN was up. Nothing was deleted; resume them once the VPN is down.");
        explanation.setWrapText(true);
        explanation.getStyleClass().add("muted");
        Label message = new Label();
        message.setId("blocked-message");
        message.getStyleClass().add("status-message");
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        VBox header = new VBox(4, title, explanation, message);
        header.setPadding(new Insets(0, 0, 10, 0));
        setTop(header);
        setCenter(table);
    }

    private static TableColumn<BlockEvent, String> text(String title, double width, Function<BlockEvent, String> value) {
        TableColumn<BlockEvent, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private TableColumn<BlockEvent, BlockEvent> resumeColumn() {
        TableColumn<BlockEvent, BlockEvent> c = new TableColumn<>("");
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        c.setSortable(false);
        c.setCellFactory(col -> new TableCell<>() {
            private final Button resume = new Button("Resume");

            {
                resume.getStyleClass().add("small");
                resume.setOnAction(e -> vm.resume(getItem()));
            }

            @Override
            protected void updateItem(BlockEvent block, boolean empty) {
                super.updateItem(block, empty);
                setGraphic(empty || block == null ? null : resume);
                setAlignment(Pos.CENTER);
            }
        });
        c.setPrefWidth(90);
        c.setMinWidth(90);
        return c;
    }
}
