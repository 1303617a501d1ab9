package dev.lpm.ui.tray;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A status icon in the desktop's tray. {@link SniTrayIndicator} is the native Linux one: a
 * StatusNotifierItem over D-Bus (org.kde.StatusNotifierWatcher + com.canonical.dbusmenu for the menu), what
 * KDE, GNOME with the AppIndicator extension, Xfce and Wayland panels show. {@link AwtTrayIndicator} uses
 * java.awt.SystemTray (XEmbed on Linux, the notification area on Windows, the menu bar on macOS);
 * {@link Trays#available} picks one.
 *
 * <p>Methods may be called from any thread; implementations hop to their toolkit's thread.
 */
public interface TrayIndicator {

    /** Which kind of tray this is, for {@code lpm status}: "StatusNotifierItem", "AWT (XEmbed)", ... */
    String kind();

    /**
     * Puts the icon in the tray. {@code onActivate} runs (on the toolkit's thread) when the icon is
     * clicked or double-clicked with the primary button. Completes exceptionally when the tray refuses.
     */
    CompletionStage<Void> install(Runnable onActivate);

    void setState(TrayState state, String tooltip);

    void setMenu(List<MenuItemModel> items);

    /** A short message next to the icon (the fallback when the desktop has no notification service). */
    void displayMessage(String title, String text);

    /** Whether {@link #displayMessage} shows anything (a StatusNotifierItem has no balloons). */
    default boolean canDisplayMessages() {
        return true;
    }

    /** Takes the icon out of the tray; harmless when it was never installed. */
    void remove();
}
