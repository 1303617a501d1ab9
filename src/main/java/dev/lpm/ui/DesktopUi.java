package dev.lpm.ui;

import dev.lpm.platform.BrowserLauncher;
import dev.lpm.platform.FirstRunCheck;
import dev.lpm.platform.LoginStart;
import dev.lpm.ui.dialogs.RegisterDialog;
import dev.lpm.ui.dialogs.SettingsDialog;
import dev.lpm.ui.dialogs.WelcomeDialog;
import java.util.List;
import java.util.function.Supplier;
import dev.lpm.ui.notify.Notifications;
import dev.lpm.ui.tray.Availability;
import dev.lpm.ui.tray.TrayController;
import dev.lpm.ui.tray.TrayIndicator;
import dev.lpm.ui.tray.Trays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.stage.Window;

/**
 * The whole desktop UI for one instance: the window ({@link DesktopApp}), the tray icon and the
 * notifications, wired to one {@link FxEvents}. {@code lpm} (no arguments) starts it; so do the desktop
 * tests, so they exercise the same wiring.
 */
public final class DesktopUi implements AutoCloseable {

    private final DesktopApp app;
    private final Availability<TrayController> tray;
    private final Notifications notifications;

    private DesktopUi(DesktopApp app, Availability<TrayController> tray, Notifications notifications) {
        this.app = app;
        this.tray = tray;
        this.notifications = notifications;
    }

    /** Why no desktop UI can start here, or null when it can (Linux needs an X11 or Wayland display). */
    public static String whyNoDisplay(Map<String, String> env, String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac") || os.contains("win")) {
            return null;
        }
        boolean display = !env.getOrDefault("DISPLAY", "").isBlank() || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
        return display ? null : "no display (DISPLAY and WAYLAND_DISPLAY are unset), so the tray app cannot start";
    }

    /**
     * Starts the UI; returns once the window exists and the tray icon is requested. Without a tray the
     * window opens at once and says why.
     *
     * @param sessionBus the D-Bus session bus address for desktop notifications (DBUS_SESSION_BUS_ADDRESS)
     * @param loginStart what the settings dialog's "start at login" toggles
     * @param welcome    on the first start: the machine checks the welcome dialog runs and shows
     */
    public static DesktopUi start(DesktopBackend backend, BrowserLauncher browser, Optional<String> sessionBus,
                                  LoginStart loginStart, Optional<Supplier<List<FirstRunCheck>>> welcome) {
        DesktopApp app = DesktopApp.start(backend, browser, false);
        app.setRegisterDialog(owner -> RegisterDialog.show(owner, backend));
        app.setSettingsDialog(owner -> SettingsDialog.show(owner, backend, loginStart));
        // Asking the session bus for a StatusNotifierWatcher waits on a socket: here, not on the FX thread.
        Availability<TrayIndicator> statusNotifier = Trays.statusNotifier(sessionBus);
        CompletableFuture<DesktopUi> ui = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Availability<TrayController> tray = TrayController.install(backend, app.events(), app.actions(),
                        statusNotifier);
                Notifications notifications = Notifications.start(backend, app.events(),
                        () -> Optional.<Window>of(app.stage()).filter(Window::isShowing),
                        tray.value().map(TrayController::indicator), sessionBus);
                if (!tray.isAvailable()) {
                    // Without a tray the window is the app: show it and say why, so closing it is no mystery.
                    app.showNotice("No tray icon: " + tray.reason() + ". lpm keeps running when this window is"
                            + " closed; bring it back with `lpm show`, quit with Ctrl+Q.");
                    app.showWindow();
                }
                // The first start: say what lpm does and whether this machine is ready, over the window.
                welcome.ifPresent(checks -> {
                    app.showWindow();
                    WelcomeDialog.show(app.stage(), checks,
                            "http://NAME.localhost:" + backend.settings().proxyPort(), backend);
                });
                ui.complete(new DesktopUi(app, tray, notifications));
            } catch (RuntimeException | Error e) {
                ui.completeExceptionally(e);
            }
        });
        return ui.join();
    }

    public DesktopApp app() {
        return app;
    }

    public Optional<TrayController> tray() {
        return tray.value();
    }

    /** One line for the terminal that started the app. */
    public String trayStatus() {
        return tray.isAvailable() ? "its icon is in the system tray (" + trayKind() + ")"
                : "no tray icon (" + tray.reason() + "), so the window is open";
    }

    /** What {@code lpm status} says: "StatusNotifierItem", "AWT (XEmbed)", or "none". */
    public String trayKind() {
        return tray.value().map(t -> t.indicator().kind()).orElse("none");
    }

    @Override
    public void close() {
        notifications.close();
        tray.value().ifPresent(TrayController::close);
        app.close();
    }
}
