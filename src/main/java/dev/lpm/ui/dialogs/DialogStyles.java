package dev.lpm.ui.dialogs;

import java.util.Objects;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Window;

/** Style hooks the dialogs share: the theme of the window they open over, then dialogs.css. */
final class DialogStyles {

    static final String STYLESHEET = Objects.requireNonNull(DialogStyles.class.getResource("dialogs.css"),
            "dialogs.css is missing from the jar").toExternalForm();

    private DialogStyles() {}

    /**
     * Follows the owner's theme, then adds the dialog rules, which use only the theme's looked-up colours.
     * JavaFX already gives a dialog its owner's scene stylesheets (light.css or dark.css); this adds the
     * owner root's style classes, so a theme selected by a class on the root ({@code .root.dark}) applies too.
     * Call after {@code initOwner}.
     */
    static void apply(DialogPane pane, Window owner) {
        javafx.scene.Scene scene = pane.getScene();
        if (owner != null && owner.getScene() != null && scene != null) {
            owner.getScene().getRoot().getStyleClass().stream().filter(c -> !c.equals("root"))
                    .forEach(scene.getRoot().getStyleClass()::add);
        }
        pane.getStylesheets().add(STYLESHEET);
        pane.getStyleClass().add("lpm-dialog");
    }

    /**
     * A shown dialog keeps its height when its content grows (a long SECURITY BLOCK, an error), which would
     * push the buttons out of the window; this resizes the window to the content's preferred height whenever
     * one of {@code changes} changes. The width stays as the user left it.
     */
    static void keepHeightFitted(DialogPane pane, javafx.beans.value.ObservableValue<?>... changes) {
        for (javafx.beans.value.ObservableValue<?> change : changes) {
            change.addListener((o, before, after) -> javafx.application.Platform.runLater(() -> {
                if (pane.getScene() == null || pane.getScene().getWindow() == null) {
                    return;
                }
                Window window = pane.getScene().getWindow();
                // Nodes added by the change have no skin before their CSS: measured now they would be 0 high.
                pane.applyCss();
                double extra = pane.prefHeight(pane.getWidth()) - pane.getScene().getHeight();
                if (Math.abs(extra) > 0.5) {
                    window.setHeight(window.getHeight() + extra);
                }
            }));
        }
    }

    /** A label for a field's problem: hidden (and taking no space) while the text is empty. */
    static Label errorLabel(String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("lpm-field-error");
        label.setWrapText(true);
        label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrap instead of cutting with "..."
        label.managedProperty().bind(label.visibleProperty());
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        return label;
    }

    static Label hint(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("lpm-hint");
        label.setWrapText(true);
        label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return label;
    }

    /** The dialog's own heading with one line under it (the window title is not in every screenshot or WM). */
    static javafx.scene.Node heading(String title, String subtitle) {
        Label big = new Label(title);
        big.getStyleClass().add("lpm-title");
        return new javafx.scene.layout.VBox(2, big, hint(subtitle));
    }

    static Label sectionTitle(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("lpm-section-title");
        return label;
    }
}
