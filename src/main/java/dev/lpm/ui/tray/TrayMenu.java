package dev.lpm.ui.tray;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceState;
import dev.lpm.core.Settings;
import dev.lpm.events.EventBus;
import dev.lpm.ui.DesktopBackend;
import dev.lpm.ui.FxEvents;
import dev.lpm.ui.UiActions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The tray menu's ViewModel: a submenu per service (open its URL, start, stop), register, the kill
 * switch, open the window, quit. Rebuilt on ServiceChanged, ServiceRemoved and SettingsChanged; runs
 * on the UI thread like every {@link FxEvents} listener.
 */
public final class TrayMenu implements AutoCloseable {

    public static final String REGISTER = "Register service…";
    public static final String KILL_SWITCH = "Kill switch: stop exposed containers while a VPN is up";
    public static final String OPEN_WINDOW = "Open LocalPortManager";
    public static final String QUIT = "Quit";
    public static final String NO_SERVICES = "No services registered";

    private final UiActions actions;
    private final DesktopBackend backend;
    private final Map<ServiceName, Service> services = new TreeMap<>();
    private final List<Consumer<? super List<MenuItemModel>>> listeners = new CopyOnWriteArrayList<>();
    private final EventBus.Subscription subscription;
    private Settings settings;
    private List<MenuItemModel> items;

    public TrayMenu(DesktopBackend backend, FxEvents events, UiActions actions) {
        this.actions = actions;
        this.backend = backend;
        backend.services().forEach(s -> services.put(s.name(), s));
        settings = backend.settings();
        items = build();
        subscription = events.listen(this::on);
    }

    public List<MenuItemModel> items() {
        return items;
    }

    /** Calls {@code listener} with the new items after every rebuild. */
    public EventBus.Subscription onChange(Consumer<? super List<MenuItemModel>> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void on(LpmEvent event) {
        switch (event) {
            case LpmEvent.ServiceChanged e -> services.put(e.service().name(), e.service());
            case LpmEvent.ServiceRemoved e -> services.remove(e.name());
            case LpmEvent.SettingsChanged e -> settings = e.settings();
            default -> {
                return;
            }
        }
        items = build();
        listeners.forEach(l -> l.accept(items));
    }

    private List<MenuItemModel> build() {
        List<MenuItemModel> list = new ArrayList<>();
        if (services.isEmpty()) {
            list.add(new MenuItemModel.Action(NO_SERVICES, false, () -> { }));
        }
        services.values().forEach(s -> list.add(serviceMenu(s)));
        list.add(new MenuItemModel.Separator());
        list.add(new MenuItemModel.Action(REGISTER, true, actions::showRegisterDialog));
        list.add(new MenuItemModel.Toggle(KILL_SWITCH, settings.killSwitch(), actions::setKillSwitch));
        list.add(new MenuItemModel.Separator());
        list.add(new MenuItemModel.Action(OPEN_WINDOW, true, actions::showWindow));
        list.add(new MenuItemModel.Action(QUIT, true, actions::quit));
        return List.copyOf(list);
    }

    private MenuItemModel serviceMenu(Service service) {
        ServiceName name = service.name();
        ServiceState state = service.state();
        boolean active = state.isActive();
        return new MenuItemModel.Submenu(name + " — " + state.name().toLowerCase(java.util.Locale.ROOT), List.of(
                new MenuItemModel.Action("Open " + backend.urlOf(name), true, () -> actions.openService(name)),
                // a crashed service may be waiting for its automatic restart: both start and stop make sense
                new MenuItemModel.Action("Start", !active, () -> actions.startService(name)),
                new MenuItemModel.Action("Stop", state != ServiceState.STOPPED, () -> actions.stopService(name))));
    }

    @Override
    public void close() {
        subscription.close();
        listeners.clear();
    }
}
