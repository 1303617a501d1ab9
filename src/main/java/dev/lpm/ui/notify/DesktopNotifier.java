package dev.lpm.ui.notify;

/** One way of showing a notification (the desktop's service, the tray, the window). */
public interface DesktopNotifier extends AutoCloseable {

    /** For the log: "freedesktop D-Bus", "tray message", "window". */
    String name();

    /**
     * Shows {@code notification}; false when this notifier cannot show it right now (no window showing),
     * so the next one is tried. May block briefly (D-Bus); never called on the FX thread.
     *
     * @throws RuntimeException when showing failed (the bus is gone, the service refused)
     */
    boolean show(Notification notification);

    @Override
    default void close() {}
}
