package dev.lpm.ui;

import dev.lpm.core.ServiceName;
import dev.lpm.platform.BrowserLauncher;
import dev.lpm.ui.window.BackgroundWork;
import dev.lpm.ui.window.MainWindow;
import dev.lpm.ui.window.Theme;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The desktop app's shell: starts JavaFX, builds the main window over a {@link DesktopBackend}, and
 * implements {@link UiActions} once for the window, the tray and the notifications. Closing the window
 * keeps the app running; {@link #actions()}{@code .quit()} ends it.
 */
public final class DesktopApp {

    private final DesktopBackend backend;
    private final BrowserLauncher browser;
    private final FxEvents events;
    private final BackgroundWork work;
    private final MainWindow window;
    private final UiActions actions = new Actions();
    private final AtomicReference<Consumer<Window>> registerDialog = new AtomicReference<>();
    private final AtomicReference<Consumer<Window>> settingsDialog = new AtomicReference<>();

    private DesktopApp(DesktopBackend backend, BrowserLauncher browser) {
        this.backend = backend;
        this.browser = browser;
        this.events = new FxEvents(backend.events(), Platform::runLater);
        this.work = BackgroundWork.onWorkerThreads(Platform::runLater, this::showError);
        this.window = new MainWindow(new Stage(), backend, events, actions, work, Theme.followingTheSystem());
    }

    /**
     * Starts the JavaFX toolkit (or joins it when it already runs, as under TestFX) and builds the main
     * window; returns once the window exists. Call from any thread but the FX thread.
     *
     * @param showWindow show the window at once (false when a tray icon will offer it)
     */
    public static DesktopApp start(DesktopBackend backend, BrowserLauncher browser, boolean showWindow) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(browser, "browser");
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("DesktopApp.start waits for the FX thread, so it cannot run on it");
        }
        CompletableFuture<DesktopApp> built = new CompletableFuture<>();
        Runnable build = () -> {
            try {
                DesktopApp app = new DesktopApp(backend, browser);
                if (showWindow) {
                    app.window.bringToFront();
                }
                built.complete(app);
            } catch (RuntimeException | Error e) {
                built.completeExceptionally(e);
            }
        };
        try {
            Platform.startup(build);
        } catch (IllegalStateException alreadyRunning) {
            Platform.runLater(build);
        }
        // Without this, hiding the last window would stop the toolkit and the tray would have no window to show.
        Platform.setImplicitExit(false);
        return built.join();
    }

    /** The one FX-thread event adapter, for the tray and notifications to share. */
    public FxEvents events() {
        return events;
    }

    public UiActions actions() {
        return actions;
    }

    /** Shows the main window and brings it to the front; any thread. */
    public void showWindow() {
        onFxThread(window::bringToFront);
    }

    /** A dismissible banner at the top of the window ("No system tray: ... so the window stays open"); any thread. */
    public void showNotice(String text) {
        Objects.requireNonNull(text, "text");
        onFxThread(() -> window.showNotice(text));
    }

    /** Shows a failure of something the user asked for, and brings the window up so it is seen; any thread. */
    public void showError(String text) {
        Objects.requireNonNull(text, "text");
        onFxThread(() -> {
            window.showError(text);
            window.bringToFront();
        });
    }

    /** What {@link UiActions#showRegisterDialog()} opens, given the owner window; e.g. {@code RegisterDialog::show}. */
    public void setRegisterDialog(Consumer<Window> dialog) {
        registerDialog.set(Objects.requireNonNull(dialog, "dialog"));
    }

    /** What {@link UiActions#showSettings()} opens, given the owner window. */
    public void setSettingsDialog(Consumer<Window> dialog) {
        settingsDialog.set(Objects.requireNonNull(dialog, "dialog"));
    }

    /** The main window's stage, for dialogs that need an owner and for tests. */
    public Stage stage() {
        return window.stage();
    }

    /** For tests and screenshots: the window's pages and notices. */
    public MainWindow window() {
        return window;
    }

    /** Closes the window and its subscriptions, and stops background work; leaves the toolkit running. */
    public void close() {
        onFxThread(window::close);
        events.close();
        work.close();
    }

    private static void onFxThread(Runnable task) {
        if (Platform.isFxApplicationThread()) {
            task.run();
        } else {
            Platform.runLater(task);
        }
    }

    private void showDialog(AtomicReference<Consumer<Window>> dialog, String what) {
        onFxThread(() -> {
            Consumer<Window> show = dialog.get();
            if (show == null) {
                window.bringToFront();
                window.showError(what + " is not available in this build.");
                return;
            }
            show.accept(window.stage().isShowing() ? window.stage() : null);
        });
    }

    private final class Actions implements UiActions {

        @Override
        public void openService(ServiceName name) {
            work.run("Opening " + name, () -> browser.open(URI.create(backend.urlOf(name))));
        }

        @Override
        public void showWindow() {
            DesktopApp.this.showWindow();
        }

        @Override
        public void showRegisterDialog() {
            showDialog(registerDialog, "Registering a service");
        }

        @Override
        public void showSettings() {
            showDialog(settingsDialog, "The settings dialog");
        }

        @Override
        public void setKillSwitch(boolean on) {
            // Saving settings writes a file, so it runs off the FX thread; SettingsChanged updates the toggle.
            String what = "Turning the kill switch " + (on ? "on" : "off");
            work.run(what, () -> backend.updateSettings(s -> s.edit(b -> b.killSwitch = on)), saved -> { }, why -> {
                showError(what + ": " + why);
                window.showSavedKillSwitch();
            });
        }

        @Override
        public void startService(ServiceName name) {
            work.run("Starting " + name, () -> backend.start(name));
        }

        @Override
        public void stopService(ServiceName name) {
            work.run("Stopping " + name, () -> backend.stop(name));
        }

        @Override
        public void quit() {
            work.run("Quitting", () -> {
                try {
                    backend.quit();
                } finally {
                    Platform.exit();
                }
            });
        }
    }
}
