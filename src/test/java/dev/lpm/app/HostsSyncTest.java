package dev.lpm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.core.LpmEvent;
import dev.lpm.core.PortRange;
import dev.lpm.core.ServiceName;
import dev.lpm.core.Settings;
import dev.lpm.enforce.hosts.HostsFile;
import dev.lpm.events.EventBus;
import dev.lpm.ports.PortAllocator;
import dev.lpm.registry.Registration;
import dev.lpm.registry.RegistryStore;
import dev.lpm.registry.ServiceRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hosts block follows a real registry's events while the setting is on, when the instance may write the
 * file itself (HostsSyncIT covers the root helper's way): nothing before the opt-in, the names after every
 * change, the block gone after the opt-out.
 */
class HostsSyncTest {

    private static final String ORIGINAL = "127.0.0.1\tlocalhost\n";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void theBlockFollowsRegistrationsOnlyWhileOptedIn() throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), ORIGINAL);
        EventBus events = new EventBus();
        ServiceRegistry registry = new ServiceRegistry(new RegistryStore(dir.resolve("services.json")),
                new PortAllocator(PortRange.DEFAULT, Settings.BROWSER_UNSAFE_PORTS, port -> true), events,
                Clock.systemUTC());
        AtomicReference<Settings> settings = new AtomicReference<>(Settings.DEFAULTS);
        try (HostsSync sync = new HostsSync(settings::get, registry::list, new HostsFile(hosts), null, events)) {
            registry.register(Registration.of(ServiceName.of("web"), "serve {port}"));
            // The worker's time, were it to write: the file must stay as it was all along, not only at the end.
            await("not opted in").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> Files.readString(hosts).equals(ORIGINAL));

            optIn(settings, events, true);
            await().atMost(WAIT).untilAsserted(() -> assertThat(Files.readString(hosts)).isEqualTo(ORIGINAL
                    + "# BEGIN lpm managed\n127.0.0.1\tweb.localhost\n::1\tweb.localhost\n# END lpm managed\n"));

            registry.register(Registration.of(ServiceName.of("api"), "serve {port}"));
            await().atMost(WAIT).untilAsserted(() -> assertThat(Files.readString(hosts))
                    .containsSubsequence("api.localhost", "web.localhost"));
            registry.unregister(ServiceName.of("web"));
            await().atMost(WAIT).untilAsserted(() -> assertThat(Files.readString(hosts))
                    .doesNotContain("web.localhost").contains("127.0.0.1\tapi.localhost"));

            optIn(settings, events, false);
            await().atMost(WAIT).untilAsserted(() -> assertThat(Files.readString(hosts)).isEqualTo(ORIGINAL));
        }
    }

    private static void optIn(AtomicReference<Settings> settings, EventBus events, boolean on) {
        settings.set(settings.get().edit(e -> e.hostsSync = on));
        events.publish(new LpmEvent.SettingsChanged(settings.get(), java.time.Instant.now()));
    }
}
