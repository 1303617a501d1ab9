package dev.lpm.ui.dialogs;

import java.util.Arrays;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The box under the command that shows a {@link SecurityPreview}: headline, the command lpm runs, details. */
final class SecurityPreviewView {

    private final VBox box = new VBox(6);
    private final Label headline = new Label();
    private final Label command = new Label();
    private final Label details = new Label();

    SecurityPreviewView(ObservableValue<SecurityPreview> preview) {
        box.setId("securityPreview");
        box.getStyleClass().add("lpm-preview");
        headline.setId("previewHeadline");
        headline.getStyleClass().add("lpm-preview-headline");
        headline.setWrapText(true);
        headline.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        command.setId("previewCommand");
        command.getStyleClass().add("lpm-command");
        command.setWrapText(true);
        command.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        command.setMaxWidth(Double.MAX_VALUE);
        command.managedProperty().bind(command.visibleProperty());
        details.setId("previewDetails");
        details.getStyleClass().add("lpm-preview-details");
        details.setWrapText(true);
        details.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
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
