package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.testsupport.Requirements;
import dev.lpm.testsupport.UserInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The freeze users met with the README's own example: a few {@code python3 -m http.server} services
 * that print nothing while nobody calls them, and after a minute or two the daemon stopped answering.
 * Each service's output was read on a virtual thread whose blocked pipe read pinned a carrier; once the
 * scheduler's spare carriers expired, every carrier was pinned. Two instances, each as a normal user in
 * the docker group, for two minutes at once: three quiet services on one CPU
 * ({@code -XX:ActiveProcessorCount=1}), and twenty on this machine's CPUs. Every control request (list,
 * status, logs) must be answered within a second, the whole time; a few CLI calls are made too.
 */
class ManyServicesAnswerIT {

    private static final Duration LENGTH = Duration.ofSeconds(Long.getLong("lpm.freeze.seconds", 120));
    private static final Duration LIMIT = Duration.ofSeconds(1);

    @Test
    void threeServicesOnOneCpuAndTwentyServicesKeepAnswering() throws Exception {
        Requirements.requireRoot();
        try (UserInstance oneCpu = UserInstance.create("lpmtest-freeze1");
             UserInstance twenty = UserInstance.create("lpmtest-freeze20")) {
            oneCpu.startDaemon(Map.of("JAVA_TOOL_OPTIONS", "-XX:ActiveProcessorCount=1"));
            twenty.startDaemon(Map.of());
            register(oneCpu, 3);
            register(twenty, 20);

            String requests = "[\"/v1/services\",\"/v1/status\",\"/v1/services/lpmtest-t1/logs?lines=20\"]";
            Path outOne = Files.createTempFile("lpmtest-probe", ".txt");
            Path outTwenty = Files.createTempFile("lpmtest-probe", ".txt");
            try {
                Process probeOne = oneCpu.probe(LENGTH, Duration.ofMillis(500), requests, outOne);
                Process probeTwenty = twenty.probe(LENGTH, Duration.ofMillis(500), requests, outTwenty);
                // The real CLI too, now and then, as users call it.
                long end = System.nanoTime() + LENGTH.toNanos();
                while (System.nanoTime() < end) {
                    Thread.sleep(20_000);
                    for (UserInstance instance : List.of(oneCpu, twenty)) {
                        var list = instance.cli().run(Duration.ofSeconds(30), "list");
                        assertThat(list.exit()).as(list.toString()).isZero();
                        assertThat(list.out()).contains("lpmtest-t1");
                    }
                }
                assertThat(probeOne.waitFor(LENGTH.toSeconds() + 120, TimeUnit.SECONDS)).isTrue();
                assertThat(probeTwenty.waitFor(LENGTH.toSeconds() + 120, TimeUnit.SECONDS)).isTrue();

                assertAllAnsweredWithin(outOne, "3 services, 1 CPU", oneCpu);
                assertAllAnsweredWithin(outTwenty, "20 services", twenty);
                assertThat(Files.readString(oneCpu.home().resolve("logs").resolve("lpmtest-t3.log")))
                        .as("lpm read what the service printed").contains("Serving HTTP on 127.0.0.1");
            } finally {
                Files.deleteIfExists(outOne);
                Files.deleteIfExists(outTwenty);
            }
            oneCpu.stopDaemon(Duration.ofSeconds(30));
            twenty.stopDaemon(Duration.ofSeconds(30));
        }
    }

    private static void register(UserInstance instance, int count) {
        for (int i = 1; i <= count; i++) {
            String name = "lpmtest-t" + i;
            var result = instance.cli().run(Duration.ofSeconds(60), "register", "--cwd", instance.work().toString(),
                    name, "python3 -m http.server {port} --bind 127.0.0.1");
            assertThat(result.exit()).as(result.toString()).isZero();
        }
    }

    private static void assertAllAnsweredWithin(Path probeOutput, String what, UserInstance instance) throws Exception {
        List<Double> millis = new ArrayList<>();
        List<String> lines = Files.readAllLines(probeOutput);
        for (String line : lines) {
            String[] parts = line.split(" ");
            assertThat(parts[2]).as("%s: %s\n%s", what, line, instance.log()).isEqualTo("ok");
            millis.add(Double.parseDouble(parts[1]));
        }
        assertThat(millis).as("%s: calls made", what).hasSizeGreaterThan((int) (LENGTH.toSeconds() * 1.5));
        List<Double> sorted = millis.stream().sorted().toList();
        System.out.printf("%s: %d control requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, sorted.size(),
                sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.99)), sorted.getLast());
        assertThat(sorted.getLast()).as("%s: slowest answer (ms)\n%s", what, instance.log())
                .isLessThan((double) LIMIT.toMillis());
    }
}
