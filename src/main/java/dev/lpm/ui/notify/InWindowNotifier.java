package dev.lpm.ui.notify;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.stage.Window;

/**
 * While lpm's window is showing, notifications appear inside it (ControlsFX), where the user is
 * already looking, instead of in the desktop's corner. Declines when no window is showing.
 */
public final class InWindowNotifier implements DesktopNotifier {

    private final Supplier<Optional<Window>> visibleWindow;

    /** @param visibleWindow called on the FX thread: the main window when it is showing, else empty */
    public InWindowNotifier(Supplier<Optional<Window>> visibleWindow) {
        this.visibleWindow = visibleWindow;
    }

    @Override
    public String name() {
        return "in-window notification";
    }

    @Override
    public boolean show(Notification n) {
        CompletableFuture<Boolean> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Optional<Window> window = visibleWindow.get().filter(Window::isShowing);
                if (window.isPresent()) {
                    popup(n, window.get());
                }
                shown.complete(window.isPresent());
            } catch (RuntimeException e) {
                shown.completeExceptionally(e);
            }
        });
        try {
            return shown.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("in-window notification failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the FX thread did not answer within 5 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void popup(Notification n, Window owner) {
        boolean critical = n.urgency() == Notification.Urgency.CRITICAL;
        org.controlsfx.control.Notifications popup = org.controlsfx.control.Notifications.create()
                .title(n.title()).text(n.body()).owner(owner).position(Pos.BOTTOM_RIGHT)
                .hideAfter(javafx.util.Duration.seconds(critical ? 15 : 6));
        if (critical) {
            popup.showWarning();
        } else {
            popup.showInformation();
        }
    }
}
