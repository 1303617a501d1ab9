package dev.lpm.ui.window;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceName;
import dev.lpm.events.EventBus;
import dev.lpm.ui.DesktopBackend;
import dev.lpm.ui.FxEvents;
import java.time.Clock;
import java.util.Optional;
import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The services table's state: one {@link ServiceRow} per registered service, sorted by group (the project
 * of {@code lpm up}; services on their own first) and then by name, so a project's services sit together, kept
 * current by ServiceChanged and ServiceRemoved events (no polling). Actions run off the UI thread.
 */
public final class ServicesViewModel implements AutoCloseable {

    private final DesktopBackend backend;
    private final BackgroundWork work;
    private final Clock clock;
    /** The extractor makes a row's state change count as a list change, so counts bound to the list update. */
    private final ObservableList<ServiceRow> rows =
            FXCollections.observableArrayList(row -> new Observable[] {row.stateProperty()});
    private final EventBus.Subscription subscription;

    public ServicesViewModel(DesktopBackend backend, FxEvents events, BackgroundWork work, Clock clock) {
        this.backend = backend;
        this.work = work;
        this.clock = clock;
        // Listen first: an event that races the initial load is delivered after it and simply re-applies.
        this.subscription = events.listen(this::onEvent);
        backend.services().forEach(this::upsert);
    }

    private void onEvent(LpmEvent event) {
        switch (event) {
            case LpmEvent.ServiceChanged changed -> upsert(changed.service());
            case LpmEvent.ServiceRemoved removed -> rows.removeIf(row -> row.name().equals(removed.name()));
            case LpmEvent.SettingsChanged changed -> refreshUrls();
            default -> { }
        }
    }

    private void upsert(Service service) {
        Optional<ServiceRow> existing = row(service.name());
        if (existing.isPresent() && existing.get().group().equals(ServiceRow.groupOf(service))) {
            existing.get().update(service, clock.instant());
            return;
        }
        // New, or moved to another group (re-registered by lpm up): its place in the order changes.
        existing.ifPresent(rows::remove);
        ServiceRow row = new ServiceRow(service, backend.urlOf(service.name()), clock.instant());
        int at = 0;
        while (at < rows.size() && ORDER.compare(rows.get(at), row) < 0) {
            at++;
        }
        rows.add(at, row);
    }

    /** The urlScheme or the proxy port changed: a row whose address differs now is replaced in its place. */
    private void refreshUrls() {
        for (int i = 0; i < rows.size(); i++) {
            ServiceRow row = rows.get(i);
            String url = backend.urlOf(row.name());
            if (!url.equals(row.url())) {
                rows.set(i, new ServiceRow(row.service(), url, clock.instant()));
            }
        }
    }

    private static final java.util.Comparator<ServiceRow> ORDER =
            java.util.Comparator.comparing(ServiceRow::group).thenComparing(ServiceRow::name);

    public ObservableList<ServiceRow> rows() {
        return rows;
    }

    public Optional<ServiceRow> row(ServiceName name) {
        return rows.stream().filter(row -> row.name().equals(name)).findFirst();
    }

    /** Refreshes every running service's uptime; the view calls it once a second. */
    public void tick() {
        var now = clock.instant();
        rows.forEach(row -> row.tick(now));
    }

    public void start(ServiceName name) {
        work.run("Starting " + name, () -> backend.start(name));
    }

    public void stop(ServiceName name) {
        work.run("Stopping " + name, () -> backend.stop(name));
    }

    public void restart(ServiceName name) {
        work.run("Restarting " + name, () -> backend.restart(name));
    }

    /** Unregisters (and so stops) the service; the view asks for confirmation first. */
    public void unregister(ServiceName name) {
        work.run("Unregistering " + name, () -> backend.unregister(name));
    }

    @Override
    public void close() {
        subscription.close();
    }
}
