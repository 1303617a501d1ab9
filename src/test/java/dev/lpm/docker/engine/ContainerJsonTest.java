package dev.lpm.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.storage.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one reader of the engine's container JSON, field by field, on small hand-made objects. */
class ContainerJsonTest {

    @Test
    void readsIdNameImageNetworkModeLabelsRestartPolicyAndStart() {
        ContainerInfo c = info("""
                {"Id": "0123456789abcdef", "Name": "/web",
                 "State": {"Running": true, "StartedAt": "2024-05-01T10:00:00.123456789Z"},
                 "Config": {"Image": "example/web:1.4", "Labels": {"dev.lpm.kill-switch": "bypass", "a": "b"}},
                 "HostConfig": {"NetworkMode": "container:db", "RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 3}},
                 "NetworkSettings": {"Ports": {}}}""");

        assertThat(c.id()).isEqualTo("0123456789abcdef");
        assertThat(c.name()).isEqualTo("web");
        assertThat(c.image()).isEqualTo("example/web:1.4");
        assertThat(c.running()).isTrue();
        assertThat(c.networkMode()).isEqualTo("container:db");
        assertThat(c.networkOwner()).isEqualTo("db");
        assertThat(c.labels()).isEqualTo(Map.of("dev.lpm.kill-switch", "bypass", "a", "b"));
        assertThat(c.bypassesKillSwitch()).isTrue();
        assertThat(c.restartPolicy()).isEqualTo(new ContainerRestartPolicy("on-failure", 3));
        assertThat(c.startedAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00.123456789Z"));
    }

    @Test
    void aRunningContainersPortsAreWhatTheEngineBoundNotWhatWasAsked() {
        // -P publishes the exposed 443 too; the asked-for binding had no address, the engine bound 0.0.0.0 and ::.
        ContainerInfo c = info("""
                {"State": {"Running": true},
                 "HostConfig": {"PortBindings": {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}},
                 "NetworkSettings": {"Ports": {
                    "80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}, {"HostIp": "::", "HostPort": "8080"}],
                    "443/tcp": [{"HostIp": "127.0.0.1", "HostPort": "49153"}],
                    "9000/tcp": null}}}""");

        assertThat(c.ports()).containsExactly(new PublishedPort("0.0.0.0", "8080", 80, "tcp"),
                new PublishedPort("::", "8080", 80, "tcp"), new PublishedPort("127.0.0.1", "49153", 443, "tcp"));
    }

    @Test
    void aContainerThatDoesNotRunHasItsConfiguredBindings() {
        ContainerInfo c = info("""
                {"State": {"Running": false, "StartedAt": "0001-01-01T00:00:00Z"},
                 "HostConfig": {"PortBindings": {
                    "53/udp": [{"HostIp": "", "HostPort": ""}],
                    "80/tcp": [{"HostIp": "::1", "HostPort": "8000-8010"}]}},
                 "NetworkSettings": {"Ports": {}}}""");

        assertThat(c.running()).isFalse();
        assertThat(c.ports()).containsExactly(new PublishedPort("", "", 53, "udp"),
                new PublishedPort("::1", "8000-8010", 80, "tcp"));
        assertThat(c.ports().getFirst().onAllInterfaces()).isTrue();
        assertThat(c.startedAt()).as("never started").isNull();
    }

    @Test
    void aRunningContainerWithoutNetworkSettingsFallsBackToItsBindings() {
        assertThat(info("""
                {"State": {"Running": true},
                 "HostConfig": {"PortBindings": {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": "8080"}]}}}""").ports())
                .containsExactly(new PublishedPort("127.0.0.1", "8080", 80, "tcp"));
        assertThat(info("""
                {"State": {"Running": true},
                 "HostConfig": {"PortBindings": {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}},
                 "NetworkSettings": {"Ports": null}}""").ports()).as("settings present, nothing bound").isEmpty();
    }

    @Test
    void missingFieldsReadAsDockersDefaults() {
        ContainerInfo c = info("{}");

        assertThat(c.id()).isEmpty();
        assertThat(c.name()).isEmpty();
        assertThat(c.image()).isEmpty();
        assertThat(c.running()).isFalse();
        assertThat(c.networkMode()).isEqualTo("default");
        assertThat(c.ports()).isEmpty();
        assertThat(c.labels()).isEmpty();
        assertThat(c.restartPolicy()).isEqualTo(ContainerRestartPolicy.NO);
        assertThat(c.startedAt()).isNull();
        assertThat(info("""
                {"State": {"StartedAt": "yesterday"}, "Config": {"Labels": null},
                 "HostConfig": {"RestartPolicy": {"Name": "", "MaximumRetryCount": 0}}}""")).satisfies(old -> {
            assertThat(old.startedAt()).isNull();
            assertThat(old.labels()).isEmpty();
            assertThat(old.restartPolicy().isNo()).as("older engines name no policy \"\"").isTrue();
        });
    }

    @Test
    void readsTheAddressOnOneNetwork() throws IOException {
        JsonNode c = Json.mapper().readTree("""
                {"NetworkSettings": {"Networks": {
                    "lpm-isolated": {"IPAddress": "172.30.0.2"}, "bridge": {"IPAddress": ""}}}}""");

        assertThat(ContainerJson.address(c, "lpm-isolated")).contains("172.30.0.2");
        assertThat(ContainerJson.address(c, "bridge")).as("not started yet").isEmpty();
        assertThat(ContainerJson.address(c, "other")).as("not on it").isEmpty();
    }

    static ContainerInfo info(String json) {
        try {
            JsonNode node = Json.mapper().readTree(json);
            return ContainerJson.info(node);
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
