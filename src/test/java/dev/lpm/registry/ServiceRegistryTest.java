package dev.lpm.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.PortExposure;
import dev.lpm.core.PortRange;
import dev.lpm.core.Service;
import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import dev.lpm.core.ServiceState;
import dev.lpm.core.ServiceStatus;
import dev.lpm.core.Settings;
import dev.lpm.events.EventBus;
import dev.lpm.ports.PortAllocator;
import dev.lpm.ports.PortUnavailableException;
import dev.lpm.storage.JsonFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uses a real store in a temp dir; ports come from an allocator whose probe says every port is free,
 * so these tests do not depend on what else runs on the machine (PortAllocatorTest covers sockets).
 */
class ServiceRegistryTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final EventBus events = new EventBus();
    private final List<LpmEvent> published = new CopyOnWriteArrayList<>();
    private final EventBus.Subscription subscription = events.subscribe(published::add);

    @AfterEach
    void unsubscribe() {
        subscription.close();
    }

    private Path file() {
        return dir.resolve("lpmtest-services.json");
    }

    private static PortAllocator allocator() {
        return new PortAllocator(PortRange.DEFAULT, Settings.BROWSER_UNSAFE_PORTS, port -> true);
    }

    private ServiceRegistry registry(PortAllocator ports) {
        return new ServiceRegistry(new RegistryStore(file()), ports, events, CLOCK);
    }

    private static ServiceName name(String value) {
        return ServiceName.of(value);
    }

    @Test
    void registerListGetUnregister() throws IOException {
        PortAllocator ports = allocator();
        ServiceRegistry registry = registry(ports);
        assertThat(registry.load()).isEmpty();

        Service web = registry.register(new Registration(name("web"), "serve --port {port}", null,
                new ServiceFlags(true, false, true), Path.of("/srv/web"), Map.of("MODE", "dev")));
        Service api = registry.register(Registration.of(name("api"), "run-api"));
        Service alias = registry.register(new Registration(name("db"), null, 5432, null, null, null));

        assertThat(web.spec().port()).isEqualTo(4000);
        assertThat(api.spec().port()).isEqualTo(4001);
        assertThat(alias.spec().port()).isEqualTo(5432);
        assertThat(alias.spec().isAlias()).isTrue();
        assertThat(web.spec().createdAt()).isEqualTo(NOW);
        assertThat(web.spec().autostart()).isFalse();
        assertThat(web.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(registry.list()).extracting(Service::name).containsExactly(name("api"), name("db"), name("web"));
        assertThat(registry.get(name("web"))).isEqualTo(web);
        assertThat(registry.find(name("nope"))).isEmpty();
        assertThat(new RegistryStore(file()).load().value()).extracting(ServiceSpec::name)
                .containsExactly(name("api"), name("db"), name("web"));

        assertThat(registry.unregister(name("api"))).isEqualTo(api);

        assertThat(registry.list()).extracting(Service::name).containsExactly(name("db"), name("web"));
        assertThat(ports.isReserved(4001)).isFalse();
        assertThat(new RegistryStore(file()).load().value()).extracting(ServiceSpec::name)
                .containsExactly(name("db"), name("web"));
    }

    @Test
    void reloadInANewInstanceGivesTheSameSpecsAndReservesTheirPorts() throws IOException {
        ServiceRegistry first = registry(allocator());
        first.register(new Registration(name("web"), "serve", null, new ServiceFlags(false, true, false), Path.of("/w"),
                Map.of("A", "1")));
        first.register(Registration.of(name("api"), "run"));
        first.setAutostart(name("api"), true);
        first.updateStatus(name("web"), new ServiceStatus(ServiceState.RUNNING, "up", NOW, 42L, null, 0));

        PortAllocator ports = allocator();
        ServiceRegistry second = registry(ports);
        assertThat(second.load()).isEmpty();

        assertThat(second.list()).extracting(Service::spec)
                .containsExactlyElementsOf(first.list().stream().map(Service::spec).toList());
        assertThat(second.list()).allSatisfy(service -> {
            assertThat(service.status()).isEqualTo(ServiceStatus.stopped("not started", NOW));
            assertThat(ports.isReserved(service.spec().port())).isTrue();
        });
        assertThat(second.get(name("api")).spec().autostart()).isTrue();
        assertThat(second.register(Registration.of(name("new"), "x")).spec().port())
                .isNotIn(4000, 4001);
    }

    @Test
    void duplicateNameIsRefusedAndKeepsThePortFree() {
        PortAllocator ports = allocator();
        ServiceRegistry registry = registry(ports);
        registry.register(Registration.of(name("api"), "run"));

        assertThatThrownBy(() -> registry.register(new Registration(name("api"), "other", 4500, null, null, null)))
                .isInstanceOf(ServiceAlreadyExistsException.class)
                .hasMessage("a service named 'api' is already registered (port 4000);"
                        + " pick another name or unregister it first");
        assertThat(ports.isReserved(4500)).isFalse();
    }

    @Test
    void takenRequestedPortIsRefused() {
        ServiceRegistry registry = registry(allocator());
        registry.register(Registration.of(name("api"), "run"));

        assertThatThrownBy(() -> registry.register(new Registration(name("web"), "serve", 4000, null, null, null)))
                .isInstanceOf(PortUnavailableException.class)
                .hasMessage("port 4000 is already assigned to service 'api'; choose another port, or leave --port out"
                        + " and lpm picks a free one");
        assertThat(registry.find(name("web"))).isEmpty();
    }

    @Test
    void unknownServiceErrorsNameWhatExists() {
        ServiceRegistry registry = registry(allocator());
        assertThatThrownBy(() -> registry.get(name("x")))
                .isInstanceOf(UnknownServiceException.class)
                .hasMessage("no service named 'x' (no services are registered)");

        registry.register(Registration.of(name("b"), "run"));
        registry.register(Registration.of(name("a"), "run"));

        assertThatThrownBy(() -> registry.unregister(name("x")))
                .isInstanceOf(UnknownServiceException.class)
                .hasMessage("no service named 'x' (registered: a, b)");
        assertThatThrownBy(() -> registry.setAutostart(name("x"), true))
                .isInstanceOf(UnknownServiceException.class);
    }

    @Test
    void aTransitionTheStateDoesNotAllowIsRefusedAndAnnouncedToNobody() {
        ServiceRegistry registry = registry(allocator());
        registry.register(Registration.of(name("api"), "run"));
        ServiceStatus running = new ServiceStatus(ServiceState.RUNNING, "up", NOW, 7L, null, 0);
        Service up = registry.updateStatus(name("api"), running).orElseThrow();
        int events = published.size();

        // A running process cannot be "starting" again without stopping or crashing first, nor be blocked.
        Optional<Service> starting = registry.updateStatus(name("api"),
                new ServiceStatus(ServiceState.STARTING, "starting: run", NOW, 8L, null, 0));
        Optional<Service> blocked = registry.updateStatus(name("api"),
                new ServiceStatus(ServiceState.BLOCKED, "kill switch", NOW, null, null, 0));

        assertThat(starting).contains(up);
        assertThat(blocked).contains(up);
        assertThat(registry.get(name("api")).status()).isEqualTo(running);
        assertThat(published).hasSize(events);
    }

    @Test
    void anExposureIsRecordedForTheRunItWasReadForOnceAndKeepsTheUptime() {
        ServiceRegistry registry = registry(allocator());
        registry.register(Registration.of(name("api"), "run"));
        Instant startedAt = NOW.minusSeconds(90);
        ServiceStatus running = new ServiceStatus(ServiceState.RUNNING, "up", startedAt, 7L, null, 0);
        registry.updateStatus(name("api"), running);
        PortExposure everywhere = PortExposure.of(List.of("0.0.0.0")).orElseThrow();
        int before = published.size();

        registry.recordExposure(name("api"), 7L, everywhere);
        registry.recordExposure(name("api"), 7L, everywhere); // the same reading again: no news
        registry.recordExposure(name("api"), 8L, PortExposure.of(List.of("::1")).orElseThrow()); // another run's

        ServiceStatus recorded = registry.get(name("api")).status();
        assertThat(recorded).isEqualTo(running.withExposure(everywhere));
        assertThat(recorded.since()).isEqualTo(startedAt);
        assertThat(published.subList(before, published.size())).containsExactly(
                new LpmEvent.ServiceChanged(registry.get(name("api")), NOW));
    }

    @Test
    void anExposureIsNotRecordedForAServiceThatNoLongerRuns() {
        ServiceRegistry registry = registry(allocator());
        registry.register(Registration.of(name("api"), "run"));
        registry.updateStatus(name("api"), new ServiceStatus(ServiceState.RUNNING, "up", NOW, 7L, null, 0));
        ServiceStatus stopped = ServiceStatus.stopped("stopped by user", NOW);
        registry.updateStatus(name("api"), stopped);

        registry.recordExposure(name("api"), 7L, PortExposure.of(List.of("0.0.0.0")).orElseThrow());
        registry.recordExposure(name("gone"), 7L, PortExposure.of(List.of("0.0.0.0")).orElseThrow());

        assertThat(registry.get(name("api")).status()).isEqualTo(stopped);
    }

    @Test
    void publishesEventsForEveryChange() {
        ServiceRegistry registry = registry(allocator());

        Service api = registry.register(Registration.of(name("api"), "run"));
        ServiceStatus running = new ServiceStatus(ServiceState.RUNNING, "up", NOW, 7L, null, 0);
        Optional<Service> updated = registry.updateStatus(name("api"), running);
        Service autostarted = registry.setAutostart(name("api"), true);
        registry.unregister(name("api"));
        Optional<Service> gone = registry.updateStatus(name("api"), running);

        assertThat(updated).map(Service::status).contains(running);
        assertThat(gone).isEmpty();
        assertThat(published).containsExactly(
                new LpmEvent.ServiceChanged(api, NOW),
                new LpmEvent.ServiceChanged(api.withStatus(running), NOW),
                new LpmEvent.ServiceChanged(autostarted, NOW),
                new LpmEvent.ServiceRemoved(name("api"), NOW));
        assertThat(autostarted.status()).isEqualTo(running);
    }

    @Test
    void concurrentRegistrationsGetDistinctPortsAndAreAllSaved() throws Exception {
        int threads = 32;
        PortAllocator ports = allocator();
        ServiceRegistry registry = registry(ports);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Service> registered = new ArrayList<>();
        try {
            List<Future<Service>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                ServiceName serviceName = name("svc-" + i);
                futures.add(pool.submit(() -> {
                    go.await();
                    return registry.register(Registration.of(serviceName, "run"));
                }));
            }
            go.countDown();
            for (Future<Service> future : futures) {
                registered.add(future.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(registered).extracting(s -> s.spec().port()).doesNotHaveDuplicates()
                .allMatch(ports::isReserved);
        assertThat(registry.list()).hasSize(threads);
        assertThat(new RegistryStore(file()).load().value()).extracting(ServiceSpec::port)
                .containsExactlyInAnyOrderElementsOf(registered.stream().map(s -> s.spec().port()).toList());
        assertThat(published).hasSize(threads);
    }

    @Test
    void failedSaveRollsTheRegistrationBack() throws IOException {
        // A regular file where the store's directory should be: creating the directory fails, also as root.
        Path blocker = Files.writeString(dir.resolve("lpmtest-not-a-dir"), "");
        RegistryStore store = new RegistryStore(blocker.resolve("services.json"));
        PortAllocator ports = allocator();
        ServiceRegistry registry = new ServiceRegistry(store, ports, events, CLOCK);

        assertThatThrownBy(() -> registry.register(Registration.of(name("api"), "run")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("the registration of 'api' was not saved")
                .hasMessageContaining(store.path().toString());

        assertThat(registry.list()).isEmpty();
        assertThat(ports.isReserved(4000)).isFalse();
        assertThat(published).isEmpty();
    }

    @Test
    void corruptFileIsReportedAsAnEvent() throws IOException {
        Files.writeString(file(), "{\"version\":1,\"services\":[");
        ServiceRegistry registry = registry(allocator());

        Optional<JsonFile.Quarantine> quarantine = registry.load();

        assertThat(quarantine).isPresent();
        assertThat(registry.list()).isEmpty();
        assertThat(published).singleElement().isInstanceOfSatisfying(LpmEvent.StateFileProblem.class, problem -> {
            assertThat(problem.file()).isEqualTo(file().toAbsolutePath().toString());
            assertThat(problem.keptAt()).isEqualTo(quarantine.get().keptAt().toString());
            assertThat(Path.of(problem.keptAt())).hasContent("{\"version\":1,\"services\":[");
        });
    }

    @Test
    void anAliasClaimsABusyPortButNotOneAnotherServiceHas() throws IOException {
        PortAllocator everyPortBusy = new PortAllocator(PortRange.DEFAULT, Settings.BROWSER_UNSAFE_PORTS, port -> false);
        ServiceRegistry registry = registry(everyPortBusy);
        Service alias = registry.register(Registration.alias(name("lpmtest-db"), 5432));
        assertThat(alias.spec().port()).isEqualTo(5432);
        assertThat(everyPortBusy.isReserved(5432)).isTrue();
        assertThatThrownBy(() -> registry.register(Registration.alias(name("lpmtest-db2"), 5432)))
                .isInstanceOf(PortUnavailableException.class)
                .hasMessageContaining("already assigned to service 'lpmtest-db' (an alias)");
        assertThatThrownBy(() -> registry.register(new Registration(name("lpmtest-web"), "run {port}", 5433, null, null, null)))
                .isInstanceOf(PortUnavailableException.class).hasMessageContaining("in use by another program");
    }

    @Test
    void aReservedNameIsRefusedAndNothingIsRegistered() {
        PortAllocator ports = allocator();
        ServiceRegistry registry = registry(ports);
        assertThatThrownBy(() -> registry.register(Registration.of(name("localhost"), "run {port}")))
                .isInstanceOf(dev.lpm.core.ReservedServiceNameException.class)
                .hasMessageContaining("'localhost' is reserved");
        assertThatThrownBy(() -> registry.register(Registration.alias(name("lpm"), 5432)))
                .isInstanceOf(dev.lpm.core.ReservedServiceNameException.class);
        assertThat(registry.list()).isEmpty();
        assertThat(ports.isReserved(5432)).isFalse();
        assertThat(published).isEmpty();
    }
}
