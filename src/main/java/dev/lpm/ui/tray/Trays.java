package dev.lpm.ui.tray;

import java.awt.GraphicsEnvironment;
import java.awt.SystemTray;
import java.util.Locale;

/** Finds the tray this desktop offers. */
public final class Trays {

    private Trays() {}

    /**
     * The tray to use: a StatusNotifierItem when a StatusNotifierWatcher owns its name on the session bus
     * ({@code sni}, probed off the FX thread by {@link SniTrayIndicator#connectIfWatched}), else the AWT one.
     */
    public static Availability<TrayIndicator> available(Availability<TrayIndicator> sni) {
        if (sni.isAvailable()) {
            return sni;
        }
        Availability<TrayIndicator> awt = awt();
        return awt.isAvailable() || sni.reason().isEmpty() ? awt
                : Availability.none(awt.reason() + "; and " + sni.reason());
    }

    /** Probes the session bus for a StatusNotifierWatcher; blocks on the bus, so never on the FX thread. */
    public static Availability<TrayIndicator> statusNotifier(java.util.Optional<String> sessionBus) {
        return sessionBus.filter(a -> !a.isBlank()).map(SniTrayIndicator::connectIfWatched)
                .orElseGet(() -> Availability.none("no session bus (DBUS_SESSION_BUS_ADDRESS is unset)"));
    }

    /**
     * An AWT tray indicator when the desktop has a tray, or why not. On Linux AWT needs an XEmbed tray
     * (the {@code _NET_SYSTEM_TRAY_S0} selection): KDE, Xfce, MATE, Cinnamon have one; GNOME needs an
     * extension.
     */
    public static Availability<TrayIndicator> awt() {
        if (GraphicsEnvironment.isHeadless()) {
            return Availability.none("there is no display (java.awt.headless is set or DISPLAY is empty)");
        }
        try {
            if (!SystemTray.isSupported()) {
                return Availability.none(noTrayReason());
            }
        } catch (RuntimeException | Error e) {
            // a broken or missing native toolkit: no tray, the window still works
            return Availability.none("the system tray cannot be reached: " + e);
        }
        return Availability.of(new AwtTrayIndicator());
    }

    private static String noTrayReason() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux") || os.contains("bsd")) {
            return "the desktop has no system tray (on GNOME install the \"AppIndicator and KStatusNotifierItem"
                    + " Support\" extension)";
        }
        return "the desktop has no system tray";
    }
}
