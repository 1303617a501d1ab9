package dev.lpm.docker.killswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.core.BlockEvent;
import dev.lpm.docker.engine.TestContainers;
import dev.lpm.testsupport.HostProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long a container that starts while the VPN is up stays exposed: from its start event to the
 * engine confirming the stop, over {@value #RUNS} runs. The stop timeout (Docker's SIGTERM-to-SIGKILL
 * grace, whole seconds) dominates for a process that ignores SIGTERM, as busybox httpd does as PID 1;
 * {@code -Dlpm.bench.stopTimeoutSeconds=0} shows the guard's own share.
 */
class ContainerGuardLatencyTest {

    private static final int RUNS = 10;

    @TempDir
    Path dir;
    private GuardFixture f;

    @BeforeAll
    static void engine() {
        TestContainers.requireEngineAndImage();
    }

    @BeforeEach
    void fixture() {
        f = new GuardFixture(dir);
    }

    @AfterEach
    void cleanUp() {
        f.close();
    }

    @Test
    void startEventToStoppedOverTenRuns() throws Exception {
        GuardConfig config = f.config(false)
                .withStopTimeout(Duration.ofSeconds(Long.getLong("lpm.bench.stopTimeoutSeconds", 1)));
        ContainerGuard guard = f.guard(f.gateway(null), config);
        await().atMost(GuardFixture.WAIT).until(guard::engineReachable);
        f.vpn(true);

        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            String id = f.containers.httpd("bench", "-p", HostProcesses.freePort("0.0.0.0") + ":80");
            BlockEvent block = f.awaitBlocked(id);
            millis.add(block.stoppedWithin().toMillis());
            TestContainers.docker("rm", "-f", id);
        }

        List<Long> sorted = millis.stream().sorted().toList();
        long p50 = sorted.get((int) Math.ceil(0.50 * RUNS) - 1);
        long p95 = sorted.get((int) Math.ceil(0.95 * RUNS) - 1);
        System.out.printf("kill switch latency, start event -> stopped, %d runs, stop timeout %d s: p50 %d ms, "
                + "p95 %d ms, min %d ms, max %d ms, all %s%n", RUNS, config.stopTimeout().toSeconds(), p50, p95,
                sorted.getFirst(), sorted.getLast(), millis);
        assertThat(p95).isLessThan(config.stopTimeout().toMillis() + 4000);
    }
}
