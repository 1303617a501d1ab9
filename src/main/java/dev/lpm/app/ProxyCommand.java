package dev.lpm.app;

import dev.lpm.config.LpmHome;
import dev.lpm.config.ProxyPortChoice;
import dev.lpm.config.SettingsStore;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceSpec;
import dev.lpm.core.ServiceStatus;
import dev.lpm.core.Settings;
import dev.lpm.events.EventBus;
import dev.lpm.proxy.AccessLog;
import dev.lpm.proxy.LoopbackProxy;
import dev.lpm.proxy.ProxyConfig;
import dev.lpm.proxy.ProxyPortInUseException;
import dev.lpm.proxy.RouteTable;
import dev.lpm.registry.RegistryStore;
import dev.lpm.storage.RotatingLogFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The proxy alone, without supervising anything: routes come from services.json and follow it when it
 * changes. For services started by other means; the daemon already includes the proxy.
 */
@Command(name = "proxy", description = "Run only the loopback proxy, in the foreground, routing NAME.localhost to the"
        + " ports in services.json (reloaded when it changes). `lpm daemon` already includes the proxy.")
final class ProxyCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyCommand.class);

    @CommandLine.Mixin
    ProxyPortOption proxyPort;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = proxyPort.err();
        LpmHome home = LpmHome.fromEnvironment().ensureExists();
        Settings settings = new SettingsStore(home.settings()).load().value();
        int port;
        try {
            port = ProxyPortChoice.choose(proxyPort.port, System.getenv(), settings);
        } catch (IllegalArgumentException e) {
            err.println("lpm: " + e.getMessage());
            return 2;
        }
        RegistryStore store = new RegistryStore(home.services());
        RouteTable routes = new RouteTable();
        routes.replaceAll(load(store));
        EventBus events = new EventBus();
        try (AccessLog accessLog = new AccessLog(
                new RotatingLogFile(home.accessLog(), settings.logFileMaxBytes(), settings.logFilesKept()), events);
             WatchService watcher = FileSystems.getDefault().newWatchService()) {
            LoopbackProxy proxy;
            try {
                proxy = LoopbackProxy.start(ProxyConfig.defaults(port), routes, accessLog, () -> false,
                        PortOwnerDescription::of, Lpm.openLocalCa(home, new java.util.ArrayList<>()));
            } catch (ProxyPortInUseException e) {
                err.println("lpm: " + e.getMessage());
                return 1;
            }
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(proxy::close));
            proxyPort.out().println("lpm proxy listening on http://localhost:" + proxy.port()
                    + "/ with " + routes.all().size() + " routes from " + home.services() + "; stop it with Ctrl-C");
            proxyPort.out().flush();
            home.dir().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            followChanges(watcher, home.services(), store, routes);
        }
        return 0;
    }

    /** Reloads the routes whenever services.json is replaced (the registry writes it by rename). */
    private static void followChanges(WatchService watcher, Path services, RegistryStore store, RouteTable routes)
            throws InterruptedException {
        while (true) {
            WatchKey key = watcher.take();
            boolean changed = key.pollEvents().stream()
                    .anyMatch(event -> services.getFileName().equals(event.context()));
            key.reset();
            if (changed) {
                routes.replaceAll(load(store));
                LOG.info("routes reloaded: {}", routes.all().stream().map(r -> r.name() + "->" + r.port()).toList());
            }
        }
    }

    private static List<Service> load(RegistryStore store) {
        try {
            var loaded = store.load();
            if (loaded.wasQuarantined()) {
                LOG.error("{}", loaded.quarantine().message());
            }
            return loaded.value().stream().map(ProxyCommand::unsupervised).toList();
        } catch (IOException e) {
            LOG.error("cannot read {}: {}", store.path(), e.getMessage());
            return List.of();
        }
    }

    private static Service unsupervised(ServiceSpec spec) {
        return new Service(spec, ServiceStatus.stopped("not supervised by `lpm proxy`", Instant.now()));
    }
}
