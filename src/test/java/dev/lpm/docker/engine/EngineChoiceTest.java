package dev.lpm.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which engine lpm talks to; opening a gateway does no I/O, so no engine is needed here. */
class EngineChoiceTest {

    @Test
    void theConfiguredEngineHostWins() {
        String podman = "unix:///run/user/1000/podman/podman.sock";
        try (DockerGateway gateway = DockerGateway.open(podman)) {
            assertThat(gateway.dockerHost()).isEqualTo(podman);
        }
        try (DockerGateway gateway = EngineClientFactory.CONFIGURED.open("tcp://127.0.0.1:2375")) {
            assertThat(gateway.dockerHost()).isEqualTo("tcp://127.0.0.1:2375");
        }
    }

    @Test
    void withoutOneItIsTheEngineTheDockerCliWouldUse() {
        try (DockerGateway configured = DockerGateway.open(null);
             DockerGateway environment = DockerGateway.fromEnvironment()) {
            assertThat(configured.dockerHost()).isEqualTo(environment.dockerHost());
        }
    }
}
