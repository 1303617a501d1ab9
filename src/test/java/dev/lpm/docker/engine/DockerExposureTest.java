package dev.lpm.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.docker.command.ContainerCliLine;
import dev.lpm.docker.command.LoopbackRewrite;
import dev.lpm.testsupport.HostProcesses;
import dev.lpm.testsupport.NetworkNamespace;
import dev.lpm.testsupport.NetworkNamespaceExtension;
import dev.lpm.testsupport.Requirements;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The problem lpm exists for, on the real engine: a container published with {@code -p HOSTPORT:80}
 * is reachable from another machine on the network (Docker DNATs it on every address), and the same
 * command after {@link ContainerCliLine#rewriteForLoopback()} is reachable from this host only.
 */
class DockerExposureTest {

    private static final Duration CONNECT = Duration.ofSeconds(2);

    @RegisterExtension
    final NetworkNamespaceExtension attacker = NetworkNamespaceExtension.withVethToHost("attacker");

    private final RewriteTestContainers containers = new RewriteTestContainers();

    @BeforeAll
    static void engine() throws Exception {
        Requirements.requireDockerEngine();
        RewriteTestContainers.ensureImage();
    }

    @AfterEach
    void removeContainers() throws Exception {
        containers.close();
    }

    @Test
    void theCommandAsTypedIsReachableFromTheAttackerAndTheRewrittenOneIsNot() throws Exception {
        NetworkNamespace ns = attacker.get();

        int typedPort = HostProcesses.freePort("0.0.0.0");
        String typed = "docker run -d --name " + containers.name("typed") + " -p " + typedPort + ":80 " + RewriteTestContainers.HTTPD;
        containers.sh(typed);
        await().atMost(Duration.ofSeconds(20)).until(() -> RewriteTestContainers.httpGet("127.0.0.1", typedPort).contains("hello from lpm"));
        assertThat(ns.canConnect(ns.hostAddress(), typedPort, CONNECT)).as("published as typed: 0.0.0.0").isTrue();
        assertThat(RewriteTestContainers.httpGetFrom(ns, ns.hostAddress(), typedPort)).isEqualTo("hello from lpm");

        int safePort = HostProcesses.freePort("0.0.0.0");
        String same = "docker run -d --name " + containers.name("rewritten") + " -p " + safePort + ":80 " + RewriteTestContainers.HTTPD;
        LoopbackRewrite rewrite = ContainerCliLine.parse(same).rewriteForLoopback();
        assertThat(rewrite.command()).contains("-p 127.0.0.1:" + safePort + ":80 ");
        containers.sh(rewrite.command());
        await().atMost(Duration.ofSeconds(20)).until(() -> RewriteTestContainers.httpGet("127.0.0.1", safePort).contains("hello from lpm"));

        assertThat(ns.canConnect(ns.hostAddress(), safePort, CONNECT)).as("rewritten: 127.0.0.1 only").isFalse();
        // Control: the attacker still reaches the typed one, so the refusal is the binding's doing.
        assertThat(ns.canConnect(ns.hostAddress(), typedPort, CONNECT)).isTrue();
    }
}
