package dev.lpm.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.testsupport.HostProcesses;
import dev.lpm.testsupport.NetworkNamespace;
import dev.lpm.testsupport.NetworkNamespaceExtension;
import dev.lpm.testsupport.Requirements;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * moby/moby#45610 on the real engine: before Docker 28 a neighbour on the same L2 segment reaches a port
 * published on 127.0.0.1, by sending packets for 127.0.0.1 to this host (Docker's nat PREROUTING DNAT
 * matches {@code -d 127.0.0.1} on every interface but docker0, before the kernel would drop the packet as
 * a martian). {@link LoopbackLeakMitigation}'s raw-table rule stops it. Every test leaves the host's
 * firewall as it found it: the rule is removed in {@code @AfterEach}, and must not exist before.
 */
class LoopbackLeakTest {

    private static final Duration CONNECT = Duration.ofSeconds(2);

    @RegisterExtension
    final NetworkNamespaceExtension neighbour = NetworkNamespaceExtension.withVethToHost("neighbour");

    private final RewriteTestContainers containers = new RewriteTestContainers();
    private final LoopbackLeakMitigation mitigation = new LoopbackLeakMitigation();

    @BeforeAll
    static void engine() throws Exception {
        Requirements.requireDockerEngine();
        Requirements.requireCommand("iptables", "iptables");
        RewriteTestContainers.ensureImage();
    }

    @BeforeEach
    void noRuleYet() {
        assertThat(rawPrerouting()).doesNotContain(LoopbackLeakMitigation.TAG);
    }

    @AfterEach
    void leaveNothingBehind() throws Exception {
        try {
            mitigation.remove();
            assertThat(rawPrerouting()).doesNotContain(LoopbackLeakMitigation.TAG);
        } finally {
            containers.close();
        }
    }

    @Test
    void aNeighbourReachesAPortPublishedOnLoopbackBeforeDocker28AndTheGuardStopsIt() throws Exception {
        NetworkNamespace ns = neighbour.get();
        String engine;
        try (DockerGateway gateway = DockerGateway.fromEnvironment()) {
            engine = gateway.engineVersion();
        }
        int port = HostProcesses.freePort("127.0.0.1");
        containers.sh("docker run -d --name " + containers.name("loopback") + " -p 127.0.0.1:" + port + ":80 "
                + RewriteTestContainers.HTTPD);
        await().atMost(Duration.ofSeconds(20)).until(() -> RewriteTestContainers.httpGet("127.0.0.1", port).contains("hello from lpm"));
        // The published address is loopback: the ordinary way in (the host's address) is closed.
        assertThat(ns.canConnect(ns.hostAddress(), port, CONNECT)).isFalse();

        routeLoopbackToTheHost(ns);
        if (LoopbackLeakMitigation.engineNeedsIt(engine)) {
            assertThat(RewriteTestContainers.httpGetFrom(ns, "127.0.0.1", port))
                    .as("Docker %s lets the neighbour in through 127.0.0.1", engine).isEqualTo("hello from lpm");
        }

        assertThat(mitigation.apply()).isTrue();
        assertThat(mitigation.isApplied()).isTrue();
        assertThat(ns.canConnect("127.0.0.1", port, CONNECT)).as("with %s", LoopbackLeakMitigation.TAG).isFalse();
        // The host itself is not affected.
        assertThat(RewriteTestContainers.httpGet("127.0.0.1", port)).contains("hello from lpm");
    }

    @Test
    void applyAndRemoveAreIdempotentAndFindableByTheirComment() {
        assertThat(mitigation.isApplied()).isFalse();
        assertThat(mitigation.apply()).isTrue();
        assertThat(mitigation.apply()).isFalse();
        assertThat(rawPrerouting().lines().filter(l -> l.contains(LoopbackLeakMitigation.TAG)))
                .containsExactly("-A PREROUTING -d 127.0.0.0/8 ! -i lo -m comment --comment \"lpm-loopback-guard/pid-"
                        + ProcessHandle.current().pid() + "\" -j DROP");
        assertThat(mitigation.remove()).isEqualTo(1);
        assertThat(mitigation.remove()).isZero();
        assertThat(rawPrerouting()).doesNotContain(LoopbackLeakMitigation.TAG);
    }

    /** Two lpm instances on one machine: stopping one must not open the hole under the other. */
    @Test
    void eachInstanceRemovesOnlyItsOwnCopyAndClearsCopiesOfDeadInstances() throws Exception {
        String iptables = "iptables";
        Process other = new ProcessBuilder("sleep", "300").start();
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        LoopbackLeakMitigation otherInstance = new LoopbackLeakMitigation(iptables, other.pid());
        LoopbackLeakMitigation deadInstance = new LoopbackLeakMitigation(iptables, dead.pid());
        try {
            assertThat(otherInstance.apply()).isTrue();
            assertThat(deadInstance.apply()).isTrue(); // as if that instance had been killed with its rule in place
            assertThat(mitigation.apply()).isTrue();
            assertThat(rawPrerouting()).contains("pid-" + other.pid()).doesNotContain("pid-" + dead.pid());

            assertThat(mitigation.remove()).isEqualTo(1);
            assertThat(otherInstance.isApplied()).as("the other instance's copy stays").isTrue();
        } finally {
            otherInstance.remove();
            deadInstance.remove();
            other.destroyForcibly();
        }
        assertThat(rawPrerouting()).doesNotContain(LoopbackLeakMitigation.TAG);
    }

    /**
     * What the neighbour does on its own machine: send packets for 127.0.0.1 to this host instead of its
     * own loopback, and accept the answers that come back from 127.0.0.1.
     */
    private static void routeLoopbackToTheHost(NetworkNamespace ns) {
        String dev = ns.peerInterface();
        for (String[] command : new String[][] {
            {"sysctl", "-qw", "net.ipv4.conf.all.route_localnet=1", "net.ipv4.conf." + dev + ".route_localnet=1",
                "net.ipv4.conf." + dev + ".accept_local=1"},
            {"ip", "route", "del", "local", "127.0.0.0/8", "dev", "lo", "table", "local"},
            {"ip", "route", "del", "local", "127.0.0.1", "dev", "lo", "table", "local"},
            {"ip", "route", "add", "127.0.0.1/32", "via", ns.hostAddress(), "dev", dev, "src", ns.peerAddress()}}) {
            NetworkNamespace.ExecResult result = ns.exec(command);
            assertThat(result.ok()).as("%s: %s", String.join(" ", command), result.output()).isTrue();
        }
    }

    private static String rawPrerouting() {
        try {
            Process p = new ProcessBuilder("iptables", "-w", "5", "-t", "raw", "-S", "PREROUTING").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
