package dev.lpm.proxy;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.Service;
import dev.lpm.events.EventBus;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The proxy's view of the registry: name -> route. Lookups read an immutable map through a volatile
 * field (no lock on the hot path); changes, which are rare, copy the map. Fed by the event stream, so
 * register/stop/unregister apply to the next request.
 */
public final class RouteTable {

    private volatile Map<String, Route> routes = Map.of();

    /** A table that follows the registry's events, starting from {@code initial}. */
    public static RouteTable following(EventBus events, Collection<Service> initial) {
        RouteTable table = new RouteTable();
        events.subscribe(table::onEvent);
        initial.forEach(table::put);
        return table;
    }

    public Route lookup(String name) {
        return routes.get(name);
    }

    public List<Route> all() {
        return routes.values().stream().sorted(Comparator.comparing(Route::name)).toList();
    }

    public synchronized void put(Service service) {
        Map<String, Route> next = new HashMap<>(routes);
        next.put(service.name().value(), Route.of(service));
        routes = Map.copyOf(next);
    }

    public synchronized void replaceAll(Collection<Service> services) {
        Map<String, Route> next = new HashMap<>();
        services.forEach(s -> next.put(s.name().value(), Route.of(s)));
        routes = Map.copyOf(next);
    }

    public synchronized void remove(String name) {
        Map<String, Route> next = new HashMap<>(routes);
        next.remove(name);
        routes = Map.copyOf(next);
    }

    private void onEvent(LpmEvent event) {
        switch (event) {
            case LpmEvent.ServiceChanged changed -> put(changed.service());
            case LpmEvent.ServiceRemoved removed -> remove(removed.name().value());
            default -> { }
        }
    }
}
