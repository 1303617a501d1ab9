package dev.lpm.docker.killswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.docker.engine.TestContainers;
import dev.lpm.testsupport.HostProcesses;
import dev.lpm.testsupport.NetworkNamespace;
import dev.lpm.testsupport.NetworkNamespaceExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the kill switch is for, seen from another machine on the network (a namespace joined to this
 * host by a veth pair): an exposed container is reachable at the host's address until the guard stops
 * it; a loopback-only one never is.
 */
class ContainerGuardAttackerTest {

    private static final Duration CONNECT = Duration.ofSeconds(2);

    @RegisterExtension
    final NetworkNamespaceExtension attacker = NetworkNamespaceExtension.withVethToHost("attacker");

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
    void anExposedContainerIsReachableFromTheNetworkUntilTheGuardStopsIt() throws Exception {
        NetworkNamespace ns = attacker.get();
        int exposedPort = HostProcesses.freePort("0.0.0.0");
        int loopbackPort = HostProcesses.freePort("127.0.0.1");
        String exposed = f.containers.httpd("net", "-p", exposedPort + ":80");
        f.containers.httpd("netlo", "-p", "127.0.0.1:" + loopbackPort + ":80");
        await().atMost(GuardFixture.WAIT).until(() -> HostProcesses.accepts(ns.hostAddress(), exposedPort, CONNECT)
                && HostProcesses.accepts("127.0.0.1", loopbackPort, CONNECT));

        assertThat(ns.canConnect(ns.hostAddress(), exposedPort, CONNECT)).as("exposed, before the VPN").isTrue();
        assertThat(ns.canConnect(ns.hostAddress(), loopbackPort, CONNECT)).as("loopback only").isFalse();

        ContainerGuard guard = f.guard(f.gateway(null), f.config(false));
        await().atMost(GuardFixture.WAIT).until(guard::engineReachable);
        f.vpn(true);
        f.awaitBlocked(exposed);

        assertThat(ns.canConnect(ns.hostAddress(), exposedPort, CONNECT)).as("exposed, after the guard").isFalse();
        assertThat(HostProcesses.accepts("127.0.0.1", loopbackPort, CONNECT)).as("loopback one still serves").isTrue();
    }
}
