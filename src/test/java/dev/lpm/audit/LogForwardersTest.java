package dev.lpm.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.storage.Json;
import org.junit.jupiter.api.Test;

/** Which running containers count as shipping the engine's log files off the host (GET /containers/json). */
class LogForwardersTest {

    @Test
    void aContainerThatMountsTheLogDirectoryOrTheDataRootForwards() throws Exception {
        assertThat(LogForwarders.forwards(summary("grafana/promtail:3",
                "{\"Type\":\"bind\",\"Source\":\"/var/lib/docker/containers\"}"), "/var/lib/docker")).isTrue();
        assertThat(LogForwarders.forwards(summary("my/shipper",
                "{\"Type\":\"bind\",\"Source\":\"/srv/docker\"}"), "/srv/docker")).isTrue();
        assertThat(LogForwarders.forwards(summary("my/shipper",
                "{\"Type\":\"bind\",\"Source\":\"/var/lib\"}"), "/var/lib/docker")).isTrue();
    }

    @Test
    void aKnownShipperWithTheEngineSocketForwards() throws Exception {
        assertThat(LogForwarders.forwards(summary("gliderlabs/logspout:latest",
                "{\"Type\":\"bind\",\"Source\":\"/var/run/docker.sock\"}"), "/var/lib/docker")).isTrue();
    }

    @Test
    void otherMountsDoNotForward() throws Exception {
        assertThat(LogForwarders.forwards(summary("portainer/portainer",
                "{\"Type\":\"bind\",\"Source\":\"/var/run/docker.sock\"}"), "/var/lib/docker")).isFalse();
        assertThat(LogForwarders.forwards(summary("fluent/fluent-bit",
                "{\"Type\":\"bind\",\"Source\":\"/etc/fluent-bit\"}"), "/var/lib/docker")).isFalse();
        assertThat(LogForwarders.forwards(summary("x", "{\"Type\":\"bind\",\"Source\":\"/\"}"), "/var/lib/docker"))
                .as("the whole root is another finding, not a forwarder").isFalse();
        assertThat(LogForwarders.forwards(summary("x",
                "{\"Type\":\"volume\",\"Source\":\"/var/lib/docker/volumes/v/_data\"}"), "/var/lib/docker")).isFalse();
        assertThat(LogForwarders.forwards(summary("x", "{\"Type\":\"bind\",\"Source\":\"/var/lib/docker-other\"}"),
                "/var/lib/docker")).isFalse();
    }

    private static JsonNode summary(String image, String mount) throws Exception {
        return Json.mapper().readTree("{\"Id\":\"abc\",\"Names\":[\"/c\"],\"Image\":\"" + image + "\",\"Mounts\":["
                + mount + "]}");
    }
}
