package dev.lpm.docker.killswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lpm.core.BlockEvent;
import dev.lpm.core.LpmEvent;
import dev.lpm.docker.engine.TestContainers;
import dev.lpm.testsupport.HostProcesses;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill switch against the real engine, driven by hand-published VPN events. The guard's scope is
 * the containers each test made, so it never stops anyone else's on the shared engine.
 */
class ContainerGuardTest {

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
    void whenTheVpnComesUpExposedContainersAreStoppedAndStayStoppedWhileLoopbackAndBypassedOnesRun() throws Exception {
        String exposed = f.containers.httpd("exposed", "--restart", "always", "-p", freePort() + ":80");
        String loopback = f.containers.httpd("loopback", "-p", "127.0.0.1:" + freePort() + ":80");
        String bypass = f.containers.httpd("bypass", "--label", "dev.lpm.kill-switch=bypass", "-p", freePort() + ":80");
        ContainerGuard guard = f.guard(f.gateway(null), f.config(false));
        await().atMost(GuardFixture.WAIT).until(guard::engineReachable);

        f.vpn(true);

        BlockEvent block = f.awaitBlocked(exposed);
        assertThat(TestContainers.isRunning(exposed)).isFalse();
        assertThat(TestContainers.restartPolicy(exposed)).isEqualTo("no");
        assertThat(block.reason()).startsWith("publishes 0.0.0.0:");
        assertThat(block.image()).isEqualTo(TestContainers.IMAGE);
        assertThat(block.ports()).isNotEmpty().allSatisfy(p -> assertThat(p).endsWith("->80/tcp"));
        assertThat(guard.blocked()).extracting(BlockEvent::containerId).containsExactly(exposed);
        assertThat(TestContainers.isRunning(loopback)).isTrue();
        assertThat(TestContainers.isRunning(bypass)).isTrue();
        assertThat(f.blockOf(loopback)).isEmpty();
        assertThat(f.blockOf(bypass)).isEmpty();
        assertThatThrownBy(() -> guard.resume(exposed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("VPN is up");
    }

    @Test
    void whileTheVpnIsUpANewlyStartedExposedContainerIsStoppedWithinFiveSeconds() throws Exception {
        ContainerGuard guard = f.guard(f.gateway(null), f.config(false));
        await().atMost(GuardFixture.WAIT).until(guard::engineReachable);
        f.vpn(true);

        long before = System.nanoTime();
        String late = f.containers.httpd("late", "-p", freePort() + ":80");
        BlockEvent block = f.awaitBlocked(late);
        long observedMillis = (System.nanoTime() - before) / 1_000_000;

        System.out.printf("kill switch: start event -> stopped in %d ms (stop timeout %d s); docker run -> block event seen in %d ms%n",
                block.stoppedWithin().toMillis(), f.config(false).stopTimeout().toSeconds(), observedMillis);
        assertThat(TestContainers.isRunning(late)).isFalse();
        assertThat(block.stoppedWithin()).isPositive().isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aHostNetworkContainerIsStopped() throws Exception {
        ContainerGuard guard = f.guard(f.gateway(null), f.config(false));
        await().atMost(GuardFixture.WAIT).until(guard::engineReachable);
        f.vpn(true);

        String host = f.containers.sleeper("host", "--network", "host");

        assertThat(f.awaitBlocked(host).reason()).contains("host networking");
        assertThat(TestContainers.isRunning(host)).isFalse();
    }

    @Test
    void aBlockedContainerIsRememberedAcrossARestartAndResumedWithItsRestartPolicy() throws Exception {
        String exposed = f.containers.httpd("resume", "--restart", "unless-stopped", "-p", freePort() + ":80");
        ContainerGuard first = f.guard(f.gateway(null), f.config(false));
        await().atMost(GuardFixture.WAIT).until(first::engineReachable);
        f.vpn(true);
        f.awaitBlocked(exposed);
        first.close(); // the daemon stops while the container is blocked

        ContainerGuard second = f.guard(f.gateway(null), f.config(false));
        f.vpn(false);
        assertThat(second.blocked()).extracting(BlockEvent::containerId).containsExactly(exposed);
        assertThat(TestContainers.isRunning(exposed)).as("not resumed without being asked").isFalse();

        assertThat(second.resume(exposed)).isTrue();

        assertThat(TestContainers.isRunning(exposed)).isTrue();
        assertThat(TestContainers.restartPolicy(exposed)).isEqualTo("unless-stopped");
        assertThat(second.blocked()).isEmpty();
        assertThat(f.resumed(exposed)).isTrue();
        assertThatThrownBy(() -> second.resume(exposed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withResumeAutomaticallyBlockedContainersComeBackWhenTheVpnGoesDown() throws Exception {
        String exposed = f.containers.httpd("auto", "--restart", "always", "-p", freePort() + ":80");
        ContainerGuard guard = f.guard(f.gateway(null), f.config(true));
        await().atMost(GuardFixture.WAIT).until(guard::engineReachable);
        f.vpn(true);
        f.awaitBlocked(exposed);
        assertThat(TestContainers.isRunning(exposed)).isFalse();

        f.vpn(false);

        await().atMost(GuardFixture.WAIT).until(() -> f.resumed(exposed));
        assertThat(TestContainers.isRunning(exposed)).isTrue();
        assertThat(TestContainers.restartPolicy(exposed)).isEqualTo("always");
        assertThat(guard.blocked()).isEmpty();
    }

    @Test
    void anUnreachableEngineIsReportedAndTheGuardKeepsWorking() throws Exception {
        String missing = "unix://" + dir.resolve("no-engine-here.sock");
        ContainerGuard guard = f.guard(f.gateway(missing), f.config(false));

        await().atMost(GuardFixture.WAIT).until(() -> f.published.stream().anyMatch(
                e -> e instanceof LpmEvent.DockerEngineChanged c && !c.reachable()));
        LpmEvent.DockerEngineChanged down = f.published.stream().filter(LpmEvent.DockerEngineChanged.class::isInstance)
                .map(LpmEvent.DockerEngineChanged.class::cast).findFirst().orElseThrow();
        assertThat(down.detail()).startsWith("no Docker engine at " + missing);
        assertThat(guard.engineReachable()).isFalse();

        f.vpn(true); // must not crash anything
        assertThatThrownBy(() -> guard.resume("abc")).as("the guard thread still answers")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(guard.blocked()).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .contains("lpm-container-guard", "lpm-docker-events");
    }

    private static int freePort() {
        return HostProcesses.freePort("0.0.0.0");
    }
}
