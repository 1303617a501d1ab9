package dev.lpm.testsupport;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test during which JavaFX's CSS engine warned (a looked-up colour that did not resolve, a value
 * of the wrong type: see {@link CssWarnings}), so no UI test's output carries a CssStyleHelper warning.
 * Registered for every test by JUnit's extension autodetection (META-INF/services, junit-platform.properties);
 * a test without JavaFX never has one.
 */
public final class NoCssWarningsExtension implements BeforeAllCallback, AfterEachCallback {

    static {
        CssWarnings.install();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        CssWarnings.install();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        settleFxThread();
        List<String> warnings = CssWarnings.drain();
        if (!warnings.isEmpty()) {
            throw new AssertionError("JavaFX CSS warnings during this test (every looked-up colour must resolve):\n  "
                    + String.join("\n  ", warnings));
        }
    }

    /** Lets the FX thread finish what the test started (a CSS pass after the last action), when it runs. */
    private static void settleFxThread() throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            javafx.application.Platform.runLater(() -> done.complete(null));
        } catch (IllegalStateException toolkitNotRunning) {
            return;
        } catch (NoClassDefFoundError noJavaFx) {
            return;
        }
        done.get(10, TimeUnit.SECONDS);
    }
}
