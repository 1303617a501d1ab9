package dev.lpm.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The guard every test runs under sees a real CssStyleHelper warning and fails with it. */
class NoCssWarningsExtensionTest {

    @Test
    void aLookupThatDoesNotResolveFailsTheTestItCameIn() throws Exception {
        Requirements.requireDisplay();
        FxToolkit.registerPrimaryStage();
        WaitForAsyncUtils.asyncFx(() -> {
            Label label = new Label("unstyled");
            label.setStyle("-fx-text-fill: -lpmtest-no-such-colour;");
            new Scene(new StackPane(label)).getRoot().applyCss();
        }).get();

        assertThatThrownBy(() -> new NoCssWarningsExtension().afterEach(null))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Could not resolve '-lpmtest-no-such-colour'");
        assertThat(CssWarnings.drain()).as("the guard took them").isEmpty();
    }
}
