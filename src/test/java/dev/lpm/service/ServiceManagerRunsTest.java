package dev.lpm.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.PortRange;
import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import dev.lpm.core.Settings;
import dev.lpm.core.VpnStatus;
import dev.lpm.events.EventBus;
import dev.lpm.policy.SecurityPolicy;
import dev.lpm.ports.PortAllocator;
import dev.lpm.process.Supervisor;
import dev.lpm.registry.Registration;
import dev.lpm.registry.RegistryStore;
import dev.lpm.registry.ServiceRegistry;
import dev.lpm.run.CommandPort;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real registry (on disk) and supervisor: the port decision at registration, and runs of a dead instance. */
class ServiceManagerRunsTest {

    private static final VpnStatus NO_VPN = new VpnStatus(false, List.of(), List.of(), "eth0", List.of(), List.of());

    @TempDir
    Path dir;

    private final List<Supervisor> supervisors = new java.util.ArrayList<>();

    @AfterEach
    void close() {
        supervisors.forEach(Supervisor::close);
    }

    private ServiceManager manager(EventBus events) throws Exception {
        Clock clock = Clock.systemUTC();
        ServiceRegistry registry = new ServiceRegistry(new RegistryStore(dir.resolve("services.json")),
                new PortAllocator(new PortRange(43100, 43199), Set.of(), p -> true), events, clock);
        registry.load();
        Supervisor supervisor = new Supervisor(Settings.DEFAULTS, dir, registry::updateStatus, events, clock);
        supervisors.add(supervisor);
        return new ServiceManager(registry, supervisor, () -> Settings.DEFAULTS, new SecurityPolicy(), () -> NO_VPN,
                null, clock, ServiceContainers.NONE, () -> false);
    }

    @Test
    void aDevServerIsRegisteredWithItsPortFlagsAndAnyOtherCommandWithTheWarning() throws Exception {
        ServiceManager services = manager(new EventBus());
        ServiceManager.Registered vite = services.register(Registration.of(ServiceName.of("web"), "npx vite"), false);
        assertThat(vite.service().spec().command()).isEqualTo("npx vite --port {port} --strictPort --host 127.0.0.1");
        assertThat(vite.commandPort().framework()).isEqualTo("Vite");
        assertThat(vite.commandPort().warning()).isNull();

        ServiceManager.Registered node = services.register(Registration.of(ServiceName.of("api"), "node server.js"), false);
        assertThat(node.service().spec().command()).isEqualTo("node server.js");
        assertThat(node.commandPort().how()).isEqualTo(CommandPort.How.ENVIRONMENT_ONLY);
        assertThat(node.commandPort().warning()).contains("{port}", "Vite");

        ServiceManager.Registered alias = services.register(Registration.alias(ServiceName.of("db"), 5432), false);
        assertThat(alias.commandPort()).isNull();
    }

    @Test
    void anInstanceDropsTheRunsItsDeadPredecessorLeftAndKeepsEverythingElse() throws Exception {
        ServiceManager before = manager(new EventBus());
        before.register(new Registration(ServiceName.of("left-run"), "node server.js", null, ServiceFlags.NONE, dir,
                Map.of(), null, null, ServiceSpec.RUN_GROUP), false);
        before.register(Registration.of(ServiceName.of("kept"), "node server.js"), false);

        ServiceManager after = manager(new EventBus()); // the next instance, reading the same services.json
        assertThat(after.list()).extracting(s -> s.name().value()).containsExactlyInAnyOrder("left-run", "kept");
        after.dropLeftoverRuns();
        assertThat(after.list()).extracting(s -> s.name().value()).containsExactly("kept");
        assertThat(manager(new EventBus()).list()).as("the drop is saved").extracting(s -> s.name().value())
                .containsExactly("kept");
    }
}
