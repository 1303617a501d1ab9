package dev.lpm.docker.killswitch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.BlockEvent;
import dev.lpm.docker.engine.ContainerRestartPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockedContainersTest {

    @TempDir
    Path dir;

    @Test
    void whatIsPutIsReadBackWithThePreviousRestartPolicyAndRemovedForGood() throws Exception {
        Path file = dir.resolve("blocked-containers.json");
        BlockedContainers store = BlockedContainers.load(file).value();
        BlockEvent event = new BlockEvent("c0ffee", "web", "nginx:1", List.of("0.0.0.0:8080->80/tcp"),
                "publishes 0.0.0.0:8080->80/tcp", Instant.parse("2026-01-02T03:04:05.123456789Z"), Duration.ofMillis(1234));
        store.put(new BlockedContainers.Blocked(event, new ContainerRestartPolicy("on-failure", 3)));

        BlockedContainers reread = BlockedContainers.load(file).value();
        assertThat(reread.all()).containsExactly(
                new BlockedContainers.Blocked(event, new ContainerRestartPolicy("on-failure", 3)));

        reread.remove("c0ffee");
        assertThat(BlockedContainers.load(file).value().all()).isEmpty();
    }

    @Test
    void aCorruptFileIsMovedAsideAndReportedNotOverwritten() throws Exception {
        Path file = dir.resolve("blocked-containers.json");
        Files.writeString(file, "{\"version\": 1, \"blocked\": [{\"name\": \"no id\"}]}");

        var loaded = BlockedContainers.load(file);

        assertThat(loaded.wasQuarantined()).isTrue();
        assertThat(loaded.value().all()).isEmpty();
        assertThat(Files.readString(loaded.quarantine().keptAt())).contains("no id");
        assertThat(file).doesNotExist();
    }
}
