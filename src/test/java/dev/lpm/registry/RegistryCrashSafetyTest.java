package dev.lpm.registry;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.core.ServiceSpec;
import dev.lpm.storage.JsonFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while saving: a child JVM saves the registry in a loop and is killed at a random moment. The
 * file must always hold one whole generation, never a torn or mixed one, and never go back in time.
 */
class RegistryCrashSafetyTest {

    private static final int ROUNDS = 30;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = SECONDS)
    void killedWriterLeavesAWholeFile() throws Exception {
        Path file = dir.resolve("lpmtest-services.json");
        long lastSeen = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            long first = lastSeen + 1;
            Path log = dir.resolve("lpmtest-writer-" + round + ".log");
            Process writer = startWriter(file, first, log);
            try {
                await("writer of round " + round + " saved once").atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> !writer.isAlive() || Files.readString(log).contains("ready"));
                assertThat(writer.isAlive()).as("writer exited early:%n%s", Files.readString(log)).isTrue();
                // Waiting for an exit that must not come doubles as the random delay before the kill.
                boolean exited = writer.waitFor(ThreadLocalRandom.current().nextInt(20, 201), MILLISECONDS);
                assertThat(exited).as("writer exited early:%n%s", Files.readString(log)).isFalse();
            } finally {
                writer.destroyForcibly(); // SIGKILL on Unix
                writer.waitFor(10, SECONDS);
            }

            JsonFile.Loaded<List<ServiceSpec>> loaded = new RegistryStore(file).load();

            assertThat(loaded.quarantine()).as("round %d", round).isNull();
            List<Long> generations = loaded.value().stream().map(RegistryWriterMain::generationOf).distinct().toList();
            assertThat(loaded.value()).as("round %d", round).hasSize(RegistryWriterMain.SERVICES);
            assertThat(generations).as("round %d: one generation per file", round).hasSize(1);
            long generation = generations.getFirst();
            assertThat(generation).as("round %d: not older than what the writer announced", round)
                    .isGreaterThanOrEqualTo(first);
            assertThat(loaded.value()).as("round %d", round)
                    .isEqualTo(RegistryWriterMain.generation(generation));
            assertThat(leftoverTempFiles()).as("deleted by load").isEmpty();
            lastSeen = generation;
        }
    }

    private Process startWriter(Path file, long firstGeneration, Path log) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), RegistryWriterMain.class.getName(),
                file.toString(), Long.toString(firstGeneration))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private List<Path> leftoverTempFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
