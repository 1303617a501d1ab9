package dev.lpm.ui.window;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Banners at the top of the window, each dismissible: notices ("No system tray: ...") and failures of
 * actions the user started. Several may be showing at once, newest first.
 */
public final class NoticeArea extends VBox {

    public enum Kind {
        INFO, ERROR
    }

    /** Enough to see what went wrong recently without pushing the window's content away. */
    static final int MAX_BANNERS = 4;

    public NoticeArea() {
        getStyleClass().add("notice-area");
    }

    /** Adds a banner; must be called on the FX thread. */
    public void show(String text, Kind kind) {
        Label message = new Label(text);
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        Button dismiss = new Button("\u2715");
        dismiss.getStyleClass().add("notice-dismiss");
        dismiss.setTooltip(new Tooltip("Dismiss"));
        dismiss.setAccessibleText("Dismiss");
        HBox banner = new HBox(8, message, dismiss);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().addAll("notice", kind == Kind.ERROR ? "notice-error" : "notice-info");
        dismiss.setOnAction(e -> getChildren().remove(banner));
        getChildren().addFirst(banner);
        if (getChildren().size() > MAX_BANNERS) {
            getChildren().removeLast();
        }
    }

    /** The texts currently showing, newest first. */
    public java.util.List<String> texts() {
        return getChildren().stream().map(n -> ((Label) ((HBox) n).getChildren().getFirst()).getText()).toList();
    }
}
