package dev.lpm.ui.dialogs;

import dev.lpm.platform.FirstRunCheck;
import java.util.List;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Shown once, on the first start: what lpm does and whether this machine is ready for it. */
public final class WelcomeDialog {

    private WelcomeDialog() {}

    /** Opens without waiting; call on the FX thread. */
    public static Dialog<ButtonType> show(Window owner, Supplier<List<FirstRunCheck>> runChecks, String urlExample,
                                         dev.lpm.ui.DesktopBackend backend) {
        return show(owner, new WelcomeViewModel(runChecks, BackgroundCall.offFxThread(), urlExample),
                new TrustViewModel(backend, BackgroundCall.offFxThread()));
    }

    static Dialog<ButtonType> show(Window owner, WelcomeViewModel model, TrustViewModel trust) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Welcome to LocalPortManager");
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.getDialogPane().getButtonTypes().add(ButtonType.OK);
        dialog.getDialogPane().getStyleClass().add("lpm-welcome-dialog");
        DialogStyles.apply(dialog.getDialogPane(), owner);

        javafx.scene.Node heading = DialogStyles.heading("Welcome to LocalPortManager",
                "Stable local addresses for your dev services, kept off the network");
        Label intro = wrapping(model.introduction());
        intro.setId("introduction");
        Label checksHeading = DialogStyles.sectionTitle("This machine");
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(24, 24);
        progress.visibleProperty().bind(model.checkingProperty());
        progress.managedProperty().bind(model.checkingProperty());
        VBox checks = new VBox(8);
        checks.setId("checks");
        model.checks().addListener((ListChangeListener<FirstRunCheck>) change ->
                checks.getChildren().setAll(model.checks().stream().map(WelcomeDialog::row).toList()));
        checks.getChildren().setAll(model.checks().stream().map(WelcomeDialog::row).toList());
        VBox content = new VBox(12, heading, intro, checksHeading, progress, checks,
                DialogStyles.sectionTitle("HTTPS"), TrustSection.of(trust));
        content.setPrefWidth(600);
        content.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        dialog.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        DialogStyles.keepHeightFitted(dialog.getDialogPane(), model.checkingProperty(), trust.busyProperty());
        dialog.getDialogPane().setContent(content);
        dialog.show();
        return dialog;
    }

    private static VBox row(FirstRunCheck check) {
        Label title = wrapping((check.ok() ? "✔ " : "✘ ") + check.name() + ": " + check.message());
        title.getStyleClass().add(check.ok() ? "lpm-check-ok" : "lpm-check-failed");
        title.setId(check.ok() ? null : "failedCheck");
        VBox row = new VBox(4, title);
        if (!check.ok() && !check.fix().isBlank()) {
            Label fix = wrapping(check.fix());
            fix.getStyleClass().addAll("lpm-check-fix", "lpm-command");
            Button copy = new Button("Copy");
            copy.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            copy.setOnAction(e -> {
                ClipboardContent text = new ClipboardContent();
                text.putString(commandIn(check.fix()));
                Clipboard.getSystemClipboard().setContent(text);
            });
            HBox.setHgrow(fix, Priority.ALWAYS);
            row.getChildren().add(new HBox(8, fix, copy));
        }
        return row;
    }

    /** A label that wraps instead of cutting its text short, and takes the height that needs. */
    private static Label wrapping(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }

    /** "run: sudo lpm hosts sync" -> the command alone, ready to paste. */
    static String commandIn(String fix) {
        int at = fix.lastIndexOf("run: ");
        return at < 0 ? fix : fix.substring(at + "run: ".length()).strip();
    }
}
