package dev.lpm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.core.PortExposure;
import dev.lpm.core.PortExposure.Reach;
import dev.lpm.core.PortRange;
import dev.lpm.core.RestartPolicy;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceState;
import dev.lpm.core.Settings;
import dev.lpm.core.VpnStatus;
import dev.lpm.events.EventBus;
import dev.lpm.policy.SecurityPolicy;
import dev.lpm.ports.PortAllocator;
import dev.lpm.process.Supervisor;
import dev.lpm.registry.Registration;
import dev.lpm.registry.RegistryStore;
import dev.lpm.registry.ServiceRegistry;
import dev.lpm.service.ServiceContainers;
import dev.lpm.service.ServiceManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real registry, supervisor and service manager. The service is {@code sleep}: the test itself listens
 * on the service's (ephemeral) port, first on every interface, then on loopback, and the watch must
 * notice both without being asked.
 */
class PortWatchTest {

    private static final VpnStatus NO_VPN = new VpnStatus(false, List.of(), List.of(), "eth0", List.of(), List.of());
    private static final RestartPolicy NO_RESTART =
            new RestartPolicy(false, Duration.ZERO, Duration.ZERO, 0, Duration.ofSeconds(60));
    private static final Settings SETTINGS = Settings.DEFAULTS
            .edit(b -> b.restartPolicy = NO_RESTART)
            .edit(b -> b.startTimeout = Duration.ofSeconds(20))
            .edit(b -> b.stopGrace = Duration.ofSeconds(2));
    private static final ServiceName NAME = ServiceName.of("lpmtest-watch");

    @TempDir
    Path dir;

    private Supervisor supervisor;
    private PortWatch watch;

    @AfterEach
    void stop() {
        if (watch != null) {
            watch.close();
        }
        if (supervisor != null) {
            supervisor.close();
        }
    }

    @Test
    void readsWhereAServiceListensWhenItStartsRunningAndAgainLater() throws Exception {
        assumeThat(System.getProperty("os.name", "").toLowerCase(Locale.ROOT)).as("reads /proc (Linux)")
                .startsWith("linux");
        int port = freePort();
        EventBus events = new EventBus();
        Clock clock = Clock.systemUTC();
        ServiceRegistry registry = new ServiceRegistry(new RegistryStore(dir.resolve("services.json")),
                new PortAllocator(new PortRange(port, port), Set.of(), p -> true), events, clock);
        supervisor = new Supervisor(SETTINGS, dir, registry::updateStatus, events, clock);
        ServiceManager services = new ServiceManager(registry, supervisor, () -> SETTINGS, new SecurityPolicy(),
                () -> NO_VPN, null, clock, ServiceContainers.NONE, () -> false);
        watch = PortWatch.start(services, events);
        services.register(Registration.of(NAME, "sleep 60"), false);

        Thread starting = Thread.ofPlatform().start(() -> services.start(NAME));
        await().atMost(Duration.ofSeconds(10)).until(() -> services.get(NAME).state() == ServiceState.STARTING);
        // The port is served by this test: the supervisor's readiness probe connects to it.
        try (ServerSocket everywhere = listen("0.0.0.0", port)) {
            // Sooner than the periodic read: the start itself triggers one.
            await().atMost(PortWatch.EXPOSURES_EVERY.dividedBy(2))
                    .until(() -> exposure(services) != null);
            assertThat(exposure(services).reach()).isEqualTo(Reach.ALL_INTERFACES);
        }
        starting.join();
        try (ServerSocket loopback = listen("127.0.0.1", port)) {
            await().atMost(PortWatch.EXPOSURES_EVERY.plusSeconds(5))
                    .until(() -> exposure(services).reach() == Reach.LOOPBACK);
            assertThat(exposure(services).addresses()).containsExactly("127.0.0.1");
            assertThat(services.get(NAME).state()).isEqualTo(ServiceState.RUNNING);
        }
        services.stop(NAME);
        assertThat(exposure(services)).isNull();
    }

    private static PortExposure exposure(ServiceManager services) {
        return services.get(NAME).status().exposure();
    }

    private static ServerSocket listen(String literal, int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(literal), port));
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = listen("127.0.0.1", 0)) {
            return socket.getLocalPort();
        }
    }
}
