package dev.lpm.ui.dialogs;

import java.util.Arrays;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

/** The box under the command that shows a {@link SecurityPreview}: headline, the command lpm runs, details. */
final class SecurityPreviewView {

    private final VBox box = new VBox(6);
    private final Label headline = new Label();
    // A read-only text area, so the command can be selected and copied, and wraps at any character.
    private final TextArea command = new TextArea();
    private final Label details = new Label();

    SecurityPreviewView(ObservableValue<SecurityPreview> preview) {
        box.setId("securityPreview");
        box.getStyleClass().add("lpm-preview");
        headline.setId("previewHeadline");
        headline.getStyleClass().add("lpm-preview-headline");
        headline.setWrapText(true);
        command.setId("previewCommand");
        command.getStyleClass().add("lpm-command");
        command.setEditable(false);
        command.setWrapText(true);
        command.setFocusTraversable(false);
        command.setPrefRowCount(2);
        command.managedProperty().bind(command.visibleProperty());
        details.setId("previewDetails");
        details.getStyleClass().add("lpm-preview-details");
        details.setWrapText(true);
        details.managedProperty().bind(details.visibleProperty());
        box.getChildren().addAll(headline, command, details);
        show(preview.getValue());
        preview.addListener((o, before, now) -> show(now));
    }

    Node node() {
        return box;
    }

    private void show(SecurityPreview preview) {
        box.getStyleClass().removeAll(Arrays.stream(SecurityPreview.Level.values()).map(SecurityPreviewView::styleOf)
                .toList());
        box.getStyleClass().add(styleOf(preview.level()));
        headline.setText(preview.headline());
        command.setText(preview.command() == null ? "" : preview.command());
        command.setVisible(preview.command() != null);
        details.setText(String.join("\n", preview.details().stream().map(d -> "• " + d).toList()));
        details.setVisible(!preview.details().isEmpty());
    }

    static String styleOf(SecurityPreview.Level level) {
        return "lpm-preview-" + level.name().toLowerCase(java.util.Locale.ROOT);
    }
}
