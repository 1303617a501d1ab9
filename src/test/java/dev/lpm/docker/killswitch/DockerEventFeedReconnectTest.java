package dev.lpm.docker.killswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.core.LpmEvent;
import dev.lpm.docker.engine.DockerEvent;
import dev.lpm.docker.engine.DockerEventFeed;
import dev.lpm.docker.engine.DockerSocketRelay;
import dev.lpm.docker.engine.TestContainers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine going away and coming back, through a relay socket the test cuts and restores (an engine
 * restart as the client sees it, without restarting the engine others share).
 */
class DockerEventFeedReconnectTest {

    @TempDir
    Path dir;
    private DockerSocketRelay relay;
    private GuardFixture f;
    private DockerEventFeed feed;

    @BeforeAll
    static void engine() {
        TestContainers.requireEngineAndImage();
    }

    @BeforeEach
    void setUp() {
        relay = new DockerSocketRelay(DockerSocketRelay.engineSocket()).restore();
        f = new GuardFixture(dir);
    }

    @AfterEach
    void tearDown() {
        if (feed != null) {
            feed.close();
        }
        f.close();
        relay.close();
    }

    /** Only {@code since} can deliver this event: the container started and exited while no stream was open. */
    @Test
    void anEventFromWhileDisconnectedIsDeliveredAfterTheReconnect() {
        List<DockerEvent> events = new CopyOnWriteArrayList<>();
        List<String> disconnects = new CopyOnWriteArrayList<>();
        AtomicInteger connects = new AtomicInteger();
        feed = new DockerEventFeed(f.gateway(relay.dockerHost()), new DockerEventFeed.Listener() {
            @Override
            public void connected(String engineVersion) {
                connects.incrementAndGet();
            }

            @Override
            public void disconnected(String reason) {
                disconnects.add(reason);
            }

            @Override
            public void event(DockerEvent event) {
                events.add(event);
            }
        }, Duration.ofMillis(50), Duration.ofMillis(500));
        feed.start();
        await().atMost(GuardFixture.WAIT).until(() -> connects.get() == 1);

        relay.cut();
        await().atMost(GuardFixture.WAIT).until(() -> !disconnects.isEmpty());
        String id = f.containers.run("since", "--network", "none", TestContainers.IMAGE, "true");
        await().atMost(GuardFixture.WAIT).until(() -> TestContainers.docker("inspect", "-f", "{{.State.Status}}", id)
                .equals("exited"));
        assertThat(events).noneMatch(e -> e.containerId().equals(id));
        relay.restore();

        await().atMost(GuardFixture.WAIT).until(() -> events.stream().anyMatch(
                e -> e.containerId().equals(id) && e.kind() == DockerEvent.Kind.DIE));
        assertThat(connects.get()).isGreaterThanOrEqualTo(2);
        assertThat(events.stream().filter(e -> e.containerId().equals(id)).map(DockerEvent::kind))
                .contains(DockerEvent.Kind.CREATE, DockerEvent.Kind.START, DockerEvent.Kind.DIE);
    }

    @Test
    void theGuardReportsTheOutageAndStopsAContainerStartedWhileTheEngineWasAway() throws Exception {
        ContainerGuard guard = f.guard(f.gateway(relay.dockerHost()), f.config(false));
        await().atMost(GuardFixture.WAIT).until(guard::engineReachable);
        f.vpn(true);

        relay.cut();
        await().atMost(GuardFixture.WAIT).until(() -> !guard.engineReachable());
        String exposed = f.containers.httpd("outage", "-p", HostPortsForTests.free() + ":80");
        assertThat(TestContainers.isRunning(exposed)).isTrue();
        relay.restore();

        f.awaitBlocked(exposed);
        // The rescan after the reconnect may block it a moment before the reachability check reports back.
        await().atMost(GuardFixture.WAIT).until(guard::engineReachable);
        assertThat(TestContainers.isRunning(exposed)).isFalse();
        assertThat(f.published).filteredOn(LpmEvent.DockerEngineChanged.class::isInstance)
                .extracting(e -> ((LpmEvent.DockerEngineChanged) e).reachable()).containsSubsequence(true, false, true);
    }

    @Test
    void droppingTheStreamOnPurposeResumesWithoutLosingAStart() throws Exception {
        ContainerGuard guard = f.guard(f.gateway(relay.dockerHost()), f.config(false));
        await().atMost(GuardFixture.WAIT).until(guard::engineReachable);
        f.vpn(true);

        guard.reconnectEvents();
        String exposed = f.containers.httpd("drop", "-p", HostPortsForTests.free() + ":80");

        f.awaitBlocked(exposed);
        assertThat(TestContainers.isRunning(exposed)).isFalse();
    }

    /** Free host ports for -p. */
    static final class HostPortsForTests {
        static int free() {
            return dev.lpm.testsupport.HostProcesses.freePort("0.0.0.0");
        }
    }
}
