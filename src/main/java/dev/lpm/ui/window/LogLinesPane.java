package dev.lpm.ui.window;

import javafx.beans.property.BooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** A live list of log lines with a filter field, a follow toggle (auto-scroll) and copy. */
public final class LogLinesPane extends BorderPane {

    private final ListView<String> list;

    public LogLinesPane(FilteredLines lines, BooleanProperty follow, String filterPrompt) {
        getStyleClass().add("log-pane");
        list = new ListView<>(lines.visible());
        list.getStyleClass().add("log-lines");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setPlaceholder(new javafx.scene.control.Label("Nothing yet."));

        TextField filter = new TextField();
        filter.setPromptText(filterPrompt);
        filter.textProperty().bindBidirectional(lines.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        CheckBox followBox = new CheckBox("_Follow");
        followBox.setMnemonicParsing(true);
        followBox.selectedProperty().bindBidirectional(follow);
        Button copy = new Button("_Copy");
        copy.setMnemonicParsing(true);
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(lines.copyText(list.getSelectionModel().getSelectedItems()));
            Clipboard.getSystemClipboard().setContent(content);
        });
        var count = new javafx.scene.control.Label();
        count.getStyleClass().add("muted");
        count.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> lines.visible().size() + " of " + lines.all().size() + " lines (last " + lines.maxLines()
                        + " kept)", lines.visible(), lines.all()));
        HBox bar = new HBox(8, filter, followBox, copy, count);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(0, 0, 8, 0));
        setTop(bar);
        setCenter(list);

        lines.visible().addListener((ListChangeListener<String>) change -> {
            if (follow.get() && !list.getItems().isEmpty()) {
                list.scrollTo(list.getItems().size() - 1);
            }
        });
        follow.addListener((obs, was, now) -> {
            if (now && !list.getItems().isEmpty()) {
                list.scrollTo(list.getItems().size() - 1);
            }
        });
    }

    public ListView<String> list() {
        return list;
    }
}
