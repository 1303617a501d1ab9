package dev.lpm.enforce.helper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpm.enforce.AppliedRuleSet;
import dev.lpm.enforce.FirewallUnavailableException;
import dev.lpm.enforce.FirewallUnavailableException.Kind;
import dev.lpm.enforce.HelperClient;
import dev.lpm.enforce.LineChannel;
import dev.lpm.enforce.Namespaces;
import dev.lpm.enforce.PortRange;
import dev.lpm.enforce.RuleSet;
import dev.lpm.testsupport.NetworkNamespace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instance's client: against the real helper code with the firewall in a namespace, and against sockets
 * that are not a working helper, each of which must come out as a {@link FirewallUnavailableException} with
 * the command that fixes it. (Refusal by the real helper, as another user, is in {@link HelperProcessTest}.)
 */
class HelperClientTest {

    @TempDir
    Path tmp;
    private final Namespaces namespaces = new Namespaces();
    private HelperServer server;
    private ServerSocketChannel fake;

    @AfterEach
    void tearDown() throws IOException {
        if (server != null) {
            server.close();
        }
        if (fake != null) {
            fake.close();
        }
        namespaces.close();
    }

    @Test
    void itAppliesReadsAndReleasesThroughTheHelper() throws Exception {
        NetworkNamespace ns = namespaces.create();
        HelperLog log = new HelperLog(new PrintWriter(new StringWriter()));
        server = HelperServer.start(tmp.resolve("run/helper.sock"),
                new RequestHandler(Namespaces.firewallIn(ns), new StateFile(tmp.resolve("state.json")), List.of(),
                        new dev.lpm.enforce.hosts.HostsFile(tmp.resolve("hosts")), log),
                new PolicyFile(tmp.resolve("policy.json"), log), GroupDatabase.system(), log);
        HelperClient client = new HelperClient(server.socket());

        assertThat(client.applied()).isEmpty();
        client.apply(RuleSet.NATIVE_PORTS, new PortRange(4000, 4999));
        client.apply(RuleSet.NATIVE_PORTS, new PortRange(4000, 4999));
        client.apply(RuleSet.LOCKDOWN, null);
        assertThat(client.applied()).containsExactly(AppliedRuleSet.of(RuleSet.LOCKDOWN),
                new AppliedRuleSet(RuleSet.NATIVE_PORTS, new PortRange(4000, 4999)));
        client.release(RuleSet.LOCKDOWN);
        client.release(RuleSet.LOCKDOWN);
        assertThat(client.releaseAll()).hasSize(2).allMatch(l -> l.startsWith("native-ports: removed"));
        assertThat(client.releaseAll()).isEmpty();
        assertThat(Namespaces.linesWith(Namespaces.saved(ns), "lpm-helper")).isZero();
        assertThatThrownBy(() -> client.apply(RuleSet.LOCKDOWN, new PortRange(4000, 4999)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noSocketMeansTheHelperIsAbsent() {
        assertThatThrownBy(() -> new HelperClient(tmp.resolve("none.sock")).applied())
                .isInstanceOfSatisfying(FirewallUnavailableException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.ABSENT);
                    assertThat(e.fix()).isEqualTo("sudo systemctl enable --now lpm-helper.service");
                    assertThat(e.getMessage()).contains("there is no lpm helper socket at " + tmp.resolve("none.sock"));
                });
    }

    @Test
    void aSocketNobodyListensOnMeansTheHelperIsAbsent() throws IOException {
        Path socket = tmp.resolve("dead.sock");
        ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket)).close();

        assertThatThrownBy(() -> new HelperClient(socket).applied())
                .isInstanceOfSatisfying(FirewallUnavailableException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.ABSENT);
                    assertThat(e.getMessage()).contains("nothing listens on the lpm helper socket");
                });
    }

    @Test
    void aFailureOrAnAnswerItCannotReadIsAFailureNamingTheHelpersLog() throws IOException {
        assertThat(failureFrom("{\"ok\":false,\"error\":{\"kind\":\"failed\",\"message\":\"iptables: exit 4\"}}"))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.FAILED);
                    assertThat(e.getMessage()).isEqualTo("the lpm helper failed: iptables: exit 4");
                    assertThat(e.fix()).isEqualTo("sudo journalctl -u lpm-helper.service");
                });
        assertThat(failureFrom("{\"ok\":false,\"error\":{\"kind\":\"bad-request\",\"message\":\"unknown op\"}}"))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.FAILED);
                    assertThat(e.getMessage()).contains("did not understand {\"op\":\"status\"}: unknown op");
                    assertThat(e.fix()).isEqualTo("sudo systemctl restart lpm-helper.service");
                });
        assertThat(failureFrom("{\"ok\":false,\"error\":{\"kind\":\"refused\",\"message\":\"user bob may not\"}}"))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REFUSED);
                    assertThat(e.fix()).isEqualTo("sudo usermod -aG docker $USER, then log in again");
                });
        assertThat(failureFrom("<html>")).satisfies(e -> assertThat(e.kind()).isEqualTo(Kind.FAILED));
        assertThat(failureFrom(null)).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.FAILED);
            assertThat(e.getMessage()).contains("closed the connection without an answer");
        });
    }

    /** What the client makes of a socket that answers {@code reply} (or closes, for null) to a status request. */
    private FirewallUnavailableException failureFrom(String reply) throws IOException {
        Path socket = tmp.resolve("fake-" + System.nanoTime() + ".sock");
        try (ServerSocketChannel fakeHelper = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            fakeHelper.bind(UnixDomainSocketAddress.of(socket));
            Thread answering = Thread.ofPlatform().start(() -> {
                try (SocketChannel peer = fakeHelper.accept(); LineChannel lines = new LineChannel(peer, 1024)) {
                    lines.readLine(Duration.ofSeconds(10));
                    if (reply != null) {
                        lines.writeLine(reply, Duration.ofSeconds(10));
                    }
                } catch (IOException e) {
                    // the test sees what the client makes of it
                }
            });
            try {
                new HelperClient(socket, Duration.ofSeconds(10)).applied();
                throw new AssertionError("no failure for " + reply);
            } catch (FirewallUnavailableException e) {
                return e;
            } finally {
                try {
                    answering.join(Duration.ofSeconds(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
