package dev.lpm.app;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.Service;
import dev.lpm.core.Settings;
import dev.lpm.enforce.HelperClient;
import dev.lpm.enforce.HelperRequest;
import dev.lpm.enforce.hosts.HostsFile;
import dev.lpm.events.EventBus;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps lpm's block in the hosts file in step with the registered names while the user has opted in
 * ({@code hostsSync}): on every registration, removal and settings change the names are compared with what
 * was last written and, when they differ, written: directly when this instance may write the file, else
 * through the root helper's {@code hosts} op. Turning the setting off removes the block; an instance that
 * never had it on leaves the file alone. The work runs on one platform thread of its own (file writes and
 * a helper call), never on the publisher's; a burst of events is one write.
 */
final class HostsSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HostsSync.class);

    private final Supplier<Settings> settings;
    private final Supplier<List<Service>> services;
    private final HostsFile file;
    private final HelperClient helper;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("lpm-hosts-sync").factory());
    private final AtomicBoolean pending = new AtomicBoolean();
    private final EventBus.Subscription subscription;
    /** What this instance last wrote (only the worker touches these); null: unknown (none yet, or it failed). */
    private List<String> written;
    /** Whether the file may hold a block this instance wrote: then turning the setting off removes it. */
    private boolean ours;

    /** {@code helper}: the root helper that may write the file for this instance, or null where there is none. */
    HostsSync(Supplier<Settings> settings, Supplier<List<Service>> services, HostsFile file, HelperClient helper,
              EventBus events) {
        this.settings = settings;
        this.services = services;
        this.file = file;
        this.helper = helper;
        this.subscription = events.subscribe(event -> {
            if (event instanceof LpmEvent.ServiceChanged || event instanceof LpmEvent.ServiceRemoved
                    || event instanceof LpmEvent.SettingsChanged) {
                request();
            }
        });
        request();
    }

    private void request() {
        if (pending.compareAndSet(false, true)) {
            worker.execute(() -> {
                pending.set(false);
                syncNow();
            });
        }
    }

    private void syncNow() {
        boolean on = settings.get().hostsSync();
        if (!on && !ours) {
            return; // never opted in (or already removed): the hosts file is the user's alone
        }
        List<String> names = on ? services.get().stream().map(s -> s.name().value()).sorted().toList() : List.of();
        if (names.equals(written)) {
            return;
        }
        ours = true;
        try {
            if (Files.isWritable(file.path()) && Files.isWritable(file.path().getParent())) {
                file.sync(names);
            } else if (helper != null) {
                helper.call(new HelperRequest.Hosts(names));
            } else {
                throw new IllegalStateException(file.path() + " is not writable and there is no root helper on this"
                        + " system; run: sudo lpm hosts sync");
            }
            LOG.info("hosts file {}: lpm's block now names {} services", file.path(), names.size());
            written = names;
            ours = on;
        } catch (RuntimeException | java.io.IOException e) {
            // Tried again at the next change; the names still resolve in browsers and curl without the file.
            LOG.warn("could not keep {} in step with the services (hostsSync): {}", file.path(), e.getMessage());
            written = null;
        }
    }

    @Override
    public void close() {
        subscription.close();
        worker.shutdownNow();
    }
}
