package dev.lpm.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lpm.testsupport.HostProcesses;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway against the real engine. */
class DockerGatewayTest {

    private final TestContainers containers = new TestContainers();
    private DockerGateway gateway;

    @BeforeAll
    static void engine() {
        TestContainers.requireEngineAndImage();
    }

    @AfterEach
    void cleanUp() {
        containers.close();
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void readsVersionPortsNetworkModeLabelsAndRestartPolicy() {
        gateway = DockerGateway.fromEnvironment();
        int port = HostProcesses.freePort("127.0.0.1");
        String id = containers.run("gw", "-p", "127.0.0.1:" + port + ":80", "--label", "dev.lpm.kill-switch=bypass",
                "--restart", "on-failure:3", TestContainers.HTTPD[0], "httpd", "-f", "-p", "80", "-h", "/www");

        assertThat(gateway.engineVersion()).isNotBlank();
        ContainerInfo c = gateway.runningContainers().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        assertThat(c.name()).startsWith(TestContainers.PREFIX + "gw-");
        assertThat(c.image()).isEqualTo(TestContainers.IMAGE);
        assertThat(c.running()).isTrue();
        assertThat(c.networkMode()).isIn("default", "bridge");
        assertThat(c.ports()).containsExactly(new PublishedPort("127.0.0.1", String.valueOf(port), 80, "tcp"));
        assertThat(c.bypassesKillSwitch()).isTrue();
        assertThat(c.restartPolicy()).isEqualTo(new ContainerRestartPolicy("on-failure", 3));
        assertThat(gateway.inspect(c.name())).contains(c);
        assertThat(gateway.inspect(TestContainers.PREFIX + "never-made")).isEmpty();
    }

    @Test
    void neutralisesAndRestoresTheRestartPolicyStopsAndStarts() {
        gateway = DockerGateway.fromEnvironment();
        String id = containers.run("gw", "--restart", "always", "--network", "none",
                TestContainers.SLEEP[0], "sleep", "3600");

        assertThat(gateway.neutraliseRestartPolicy(id)).isEqualTo(new ContainerRestartPolicy("always", 0));
        assertThat(TestContainers.restartPolicy(id)).isEqualTo("no");
        gateway.stop(id, Duration.ZERO);
        assertThat(TestContainers.isRunning(id)).isFalse();
        gateway.stop(id, Duration.ZERO); // already stopped: fine

        gateway.setRestartPolicy(id, new ContainerRestartPolicy("always", 0));
        gateway.start(id);
        assertThat(TestContainers.restartPolicy(id)).isEqualTo("always");
        assertThat(TestContainers.isRunning(id)).isTrue();
    }

    @Test
    void streamsContainerStartAndDieEvents() throws Exception {
        gateway = DockerGateway.fromEnvironment();
        List<DockerEvent> seen = new CopyOnWriteArrayList<>();
        try (DockerEventSubscription subscription = gateway.events(null, seen::add)) {
            String id = containers.run("ev", "--network", "none", TestContainers.IMAGE, "true");
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().anyMatch(
                    e -> e.containerId().equals(id) && e.kind() == DockerEvent.Kind.DIE));
            assertThat(seen.stream().filter(e -> e.containerId().equals(id)).map(DockerEvent::kind))
                    .containsSubsequence(DockerEvent.Kind.CREATE, DockerEvent.Kind.START, DockerEvent.Kind.DIE);
        }
    }

    @Test
    void anEngineThatIsNotThereGivesAClearError() {
        gateway = DockerGateway.connect("unix:///nonexistent/lpmtest-5b/docker.sock");
        assertThatThrownBy(gateway::engineVersion)
                .isInstanceOfSatisfying(DockerEngineException.class, e -> assertThat(e.unreachable()).isTrue())
                .hasMessageStartingWith("no Docker engine at unix:///nonexistent/lpmtest-5b/docker.sock");
        assertThatThrownBy(gateway::runningContainers).isInstanceOf(DockerEngineException.class);
    }
}
