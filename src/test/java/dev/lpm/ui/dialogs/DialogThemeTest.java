package dev.lpm.ui.dialogs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.Service;
import dev.lpm.testsupport.Requirements;
import dev.lpm.ui.FakeDesktopBackend;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** A dialog opened over the window takes the window's theme; dialogs.css only adds to it. */
@ExtendWith(ApplicationExtension.class)
class DialogThemeTest {

    @BeforeAll
    static void needsADisplay() {
        Requirements.requireDisplay();
    }

    @AfterEach
    void closeEveryWindow() throws TimeoutException {
        FxToolkit.cleanupStages();
    }

    @Test
    void aDialogOverADarkWindowUsesItsStylesheetAndRootClass() throws Exception {
        Dialog<Service> dialog = WaitForAsyncUtils.asyncFx(() -> {
            StackPane root = new StackPane();
            root.getStyleClass().add("dark");
            // A theme made of one rule, so the test sees its effect on the dialog and not only the file name.
            Scene scene = new Scene(root, 200, 100);
            scene.getStylesheets().add("data:text/css,.root.dark%7B-fx-base:%23202020;%7D");
            Stage window = new Stage();
            window.setScene(scene);
            window.show();
            return RegisterDialog.show(window, new FakeDesktopBackend());
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        Scene dialogScene = dialog.getDialogPane().getScene();
        assertThat(dialogScene.getStylesheets()).filteredOn(s -> s.startsWith("data:text/css")).hasSize(1);
        assertThat(dialogScene.getRoot().getStyleClass()).contains("dark");
        assertThat(dialog.getDialogPane().getStylesheets()).containsExactly(DialogStyles.STYLESHEET);
        javafx.scene.paint.Color background = (javafx.scene.paint.Color) WaitForAsyncUtils.asyncFx(() ->
                dialog.getDialogPane().getBackground().getFills().getFirst().getFill()).get(5, TimeUnit.SECONDS);
        assertThat(background.getBrightness()).as("the dark base colour reached the dialog").isLessThan(0.3);
    }
}
