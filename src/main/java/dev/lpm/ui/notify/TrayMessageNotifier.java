package dev.lpm.ui.notify;

import dev.lpm.ui.tray.TrayIndicator;

/** The fallback: a message balloon next to the tray icon, for desktops without a notification service. */
public final class TrayMessageNotifier implements DesktopNotifier {

    private final TrayIndicator tray;

    public TrayMessageNotifier(TrayIndicator tray) {
        this.tray = tray;
    }

    @Override
    public String name() {
        return "tray message";
    }

    @Override
    public boolean show(Notification notification) {
        tray.displayMessage(notification.title(), notification.body());
        return true;
    }
}
