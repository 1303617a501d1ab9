package dev.lpm.ui.tray;

import dev.lpm.events.EventBus;
import dev.lpm.ui.DesktopBackend;
import dev.lpm.ui.FxEvents;
import dev.lpm.ui.UiActions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts lpm's icon in the tray and keeps it current: the icon and tooltip follow {@link TrayStateModel},
 * the menu follows {@link TrayMenu}, a click on the icon opens the window.
 */
public final class TrayController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrayController.class);

    private final TrayIndicator indicator;
    private final TrayStateModel state;
    private final TrayMenu menu;
    private final List<EventBus.Subscription> subscriptions = new CopyOnWriteArrayList<>();

    private TrayController(TrayIndicator indicator, TrayStateModel state, TrayMenu menu) {
        this.indicator = indicator;
        this.state = state;
        this.menu = menu;
    }

    /**
     * Installs the tray icon, or says why the desktop has none (the app then runs with its window only).
     * {@code statusNotifier} is the StatusNotifierItem found on the session bus, preferred when there.
     * Call on the UI thread after {@code events} exists; the icon appears shortly after (AWT's thread).
     */
    public static Availability<TrayController> install(DesktopBackend backend, FxEvents events, UiActions actions,
                                                       Availability<TrayIndicator> statusNotifier) {
        Availability<TrayIndicator> tray = Trays.available(statusNotifier);
        return tray.value().map(indicator -> Availability.of(install(backend, events, actions, indicator)))
                .orElseGet(() -> Availability.none(tray.reason()));
    }

    /** Installs with a given indicator (tests, or a native one). */
    public static TrayController install(DesktopBackend backend, FxEvents events, UiActions actions,
                                         TrayIndicator indicator) {
        TrayController controller = new TrayController(indicator, new TrayStateModel(backend, events),
                new TrayMenu(backend, events, actions));
        controller.start(actions);
        return controller;
    }

    private void start(UiActions actions) {
        show(state.current());
        indicator.setMenu(menu.items());
        subscriptions.add(state.onChange(this::show));
        subscriptions.add(menu.onChange(indicator::setMenu));
        indicator.install(actions::showWindow).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn("the tray refused lpm's icon; the window still works", failure);
            }
        });
    }

    private void show(TrayStatus status) {
        indicator.setState(status.state(), status.tooltip());
    }

    /** The indicator, for notifications that fall back to tray messages. */
    public TrayIndicator indicator() {
        return indicator;
    }

    public TrayStatus status() {
        return state.current();
    }

    @Override
    public void close() {
        subscriptions.forEach(EventBus.Subscription::close);
        state.close();
        menu.close();
        indicator.remove();
    }
}
