package dev.lpm.ui.notify;

import dev.lpm.ui.tray.TrayState;

/**
 * One desktop notification, independent of how it is shown.
 *
 * @param title   the summary line ("Container blocked: web")
 * @param body    one or two sentences, plain text
 * @param urgency CRITICAL for blocks (stays until dismissed on most desktops), NORMAL otherwise
 * @param icon    the tray state whose icon goes with it
 */
public record Notification(String title, String body, Urgency urgency, TrayState icon) {

    public enum Urgency {
        NORMAL,
        CRITICAL
    }
}
