package dev.lpm.ui.dialogs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.Service;
import dev.lpm.core.ServiceState;
import dev.lpm.testsupport.Requirements;
import dev.lpm.ui.FakeDesktopBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Dialog;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders the register dialog for the docs: {@code bin/test -Dtest=RegisterDialogScreenshotTest
 * -Dlpm.screenshots=true} writes docs/register-dialog.png. Skipped without the property, so ordinary
 * runs leave the committed picture alone.
 */
@ExtendWith(ApplicationExtension.class)
class RegisterDialogScreenshotTest {

    static final Path PICTURE = Path.of("docs", "register-dialog.png");
    static final Path SETTINGS_PICTURE = Path.of("docs", "settings-dialog.png");

    @BeforeAll
    static void onlyWhenAsked() {
        Assumptions.assumeTrue(Boolean.getBoolean("lpm.screenshots"), "set -Dlpm.screenshots=true to render docs pictures");
        Requirements.requireDisplay();
    }

    @AfterEach
    void closeEveryWindow() throws TimeoutException {
        FxToolkit.cleanupStages();
    }

    @Test
    void registerDialogWithADockerRewrite(FxRobot robot) throws Exception {
        FakeDesktopBackend backend = new FakeDesktopBackend();
        backend.put("api", "python3 -m http.server {port}", ServiceState.RUNNING);
        Dialog<Service> dialog = WaitForAsyncUtils.asyncFx(() -> RegisterDialog.show(null, backend))
                .get(5, TimeUnit.SECONDS);
        robot.clickOn("#name").write("shop");
        robot.clickOn("#command").write("docker run --rm -p {port}:80 -v ./site:/usr/share/nginx/html:ro nginx:alpine");
        robot.type(javafx.scene.input.KeyCode.HOME); // the command from its start, as a reader reads it
        robot.interact(() -> dialog.getDialogPane().getScene().getWindow().sizeToScene());
        WaitForAsyncUtils.waitForFxEvents();

        write(dialog, PICTURE);
    }

    @Test
    void settingsDialogWithAPendingChange(FxRobot robot) throws Exception {
        FakeDesktopBackend backend = new FakeDesktopBackend();
        Dialog<String> dialog = WaitForAsyncUtils.asyncFx(() -> SettingsDialog.show(null, backend, new MemoryLoginStart()))
                .get(5, TimeUnit.SECONDS);
        robot.clickOn("#resumeContainers");
        WaitForAsyncUtils.waitForFxEvents();
        write(dialog, SETTINGS_PICTURE);
    }

    private static void write(Dialog<?> dialog, Path picture) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> dialog.getDialogPane().getScene().snapshot(null))
                .get(5, TimeUnit.SECONDS);
        Files.createDirectories(picture.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", picture.toFile());

        assertThat(picture).isNotEmptyFile();
        assertThat(ImageIO.read(picture.toFile()).getWidth()).isEqualTo((int) image.getWidth());
    }
}
