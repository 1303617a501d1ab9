package dev.lpm.ui.tray;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.messages.DBusSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tray icon as a StatusNotifierItem on the session bus (KDE Plasma, GNOME's AppIndicator extension,
 * Xfce, Cinnamon, waybar, ...): {@link SniItem} at /StatusNotifierItem, its menu {@link SniMenu} at /MenuBar,
 * announced to org.kde.StatusNotifierWatcher under {@code org.kde.StatusNotifierItem-PID-1}, and announced
 * again whenever a new watcher takes that name (a restarted panel). A watcher may own its name a moment
 * before it serves its object (Debian's status-notifier-watcher answers UnknownObject then): the
 * announcement is tried again every {@link #RETRY_MS} ms while the name has an owner, up to
 * {@link #ATTEMPTS} times.
 *
 * <p>Every bus call runs on one platform thread of its own, in order: callers on the FX thread never wait
 * on the bus, and signals leave in the order the states came.
 */
public final class SniTrayIndicator implements TrayIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(SniTrayIndicator.class);
    static final long RETRY_MS = 200;
    static final int ATTEMPTS = 50;

    private final DBusConnection bus;
    private final String busName = "org.kde.StatusNotifierItem-" + ProcessHandle.current().pid() + "-1";
    private final SniItem item;
    private final SniMenu menu = new SniMenu();
    // One thread: tasks due at the same time run in the order they were given (FIFO ties).
    private final ScheduledExecutorService worker = worker();
    private AutoCloseable watcherHandler; // touched on the worker only

    private final Optional<IconTheme> theme;

    private static ScheduledExecutorService worker() {
        ScheduledThreadPoolExecutor worker = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("lpm-sni").daemon().factory());
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // no retry after remove()
        return worker;
    }

    private SniTrayIndicator(DBusConnection bus, Optional<IconTheme> theme) {
        this.bus = bus;
        this.theme = theme;
        this.item = new SniItem(theme);
    }

    /**
     * Connects to the session bus and returns an indicator when a StatusNotifierWatcher is there, or why
     * not. Blocks on the bus: call it off the FX thread.
     */
    public static Availability<TrayIndicator> connectIfWatched(String busAddress) {
        DBusConnection bus;
        try {
            bus = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
        } catch (DBusException | RuntimeException e) {
            return Availability.none("the session bus at " + busAddress + " cannot be reached: " + e.getMessage());
        }
        try {
            DBus daemon = bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            if (!daemon.NameHasOwner(StatusNotifierWatcherBus.NAME)) {
                bus.disconnect();
                return Availability.none("no " + StatusNotifierWatcherBus.NAME + " on the session bus");
            }
            return Availability.of(new SniTrayIndicator(bus, IconTheme.find()));
        } catch (DBusException | RuntimeException e) {
            bus.disconnect();
            return Availability.none("the session bus did not answer: " + e.getMessage());
        }
    }

    @Override
    public String kind() {
        return "StatusNotifierItem";
    }

    /** The bus name the item is registered under. */
    public String busName() {
        return busName;
    }

    /** The current menu as dbusmenu sees it (tests). */
    DbusMenuModel menuModel() {
        return menu.model();
    }

    @Override
    public CompletionStage<Void> install(Runnable onActivate) {
        return CompletableFuture.runAsync(() -> {
            try {
                item.onActivate(onActivate);
                bus.exportObject(item);
                bus.exportObject(menu);
                bus.requestBusName(busName);
                watcherHandler = bus.addSigHandler(DBus.NameOwnerChanged.class, this::onNameOwnerChanged);
                register(1);
            } catch (DBusException e) {
                throw new IllegalStateException("cannot export the StatusNotifierItem: " + e.getMessage(), e);
            }
        }, worker);
    }

    /** A watcher that (re)appears knows nothing of us: announce the item again. */
    private void onNameOwnerChanged(DBus.NameOwnerChanged changed) {
        if (StatusNotifierWatcherBus.NAME.equals(changed.name) && !changed.newOwner.isEmpty() && !worker.isShutdown()) {
            worker.execute(() -> register(1));
        }
    }

    private void register(int attempt) {
        try {
            bus.getRemoteObject(StatusNotifierWatcherBus.NAME, StatusNotifierWatcherBus.OBJECT_PATH,
                    StatusNotifierWatcherBus.class).RegisterStatusNotifierItem(busName);
            LOG.debug("registered {} with the StatusNotifierWatcher (attempt {})", busName, attempt);
        } catch (DBusException | RuntimeException e) {
            if (attempt < ATTEMPTS && watcherOwned() && !worker.isShutdown()) {
                // a watcher that is still starting: its name is there, its object not yet
                worker.schedule(() -> register(attempt + 1), RETRY_MS, TimeUnit.MILLISECONDS);
            } else {
                // no watcher right now: NameOwnerChanged brings us back when one starts
                LOG.info("the StatusNotifierWatcher did not take lpm's item ({}); waiting for it to return", e.toString());
            }
        }
    }

    private boolean watcherOwned() {
        try {
            return bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class)
                    .NameHasOwner(StatusNotifierWatcherBus.NAME);
        } catch (DBusException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void setState(TrayState state, String tooltip) {
        execute(() -> {
            SniItem.Change change = item.show(state, tooltip);
            if (change.icon()) {
                send(new StatusNotifierItemBus.NewIcon(StatusNotifierItemBus.OBJECT_PATH));
                send(new StatusNotifierItemBus.NewStatus(StatusNotifierItemBus.OBJECT_PATH, SniItem.status(state)));
            }
            if (change.tooltip()) {
                send(new StatusNotifierItemBus.NewToolTip(StatusNotifierItemBus.OBJECT_PATH));
            }
        });
    }

    @Override
    public void setMenu(List<MenuItemModel> items) {
        execute(() -> {
            for (DBusSignal signal : menu.update(items)) {
                send(signal);
            }
        });
    }

    private void send(DBusSignal signal) {
        bus.sendMessage(signal);
    }

    private interface BusWork {
        void run() throws DBusException;
    }

    private void execute(BusWork work) {
        if (worker.isShutdown()) {
            return;
        }
        worker.execute(() -> {
            try {
                work.run();
            } catch (DBusException | RuntimeException e) {
                LOG.warn("the tray item could not tell the desktop about a change", e);
            }
        });
    }

    /** StatusNotifierItems have no balloons; notifications go to org.freedesktop.Notifications instead. */
    @Override
    public boolean canDisplayMessages() {
        return false;
    }

    @Override
    public void displayMessage(String title, String text) {
        LOG.debug("no tray balloon on a StatusNotifierItem: {}", title);
    }

    @Override
    public void remove() {
        if (worker.isShutdown()) {
            return;
        }
        worker.execute(() -> {
            try {
                if (watcherHandler != null) {
                    watcherHandler.close();
                }
                bus.releaseBusName(busName); // the watcher drops the item when its name goes
            } catch (Exception e) {
                LOG.debug("releasing the tray item's name", e);
            }
            bus.disconnect();
            theme.ifPresent(IconTheme::deletePrivateCopy);
        });
        worker.shutdown(); // not awaited: the caller may be the FX thread; the queued work still runs
    }
}
