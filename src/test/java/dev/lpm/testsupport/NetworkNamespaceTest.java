package dev.lpm.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lpm.testsupport.NetworkNamespace.ExecResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Proves {@link NetworkNamespace}: namespaces and veth pairs work, traffic crosses only between the
 * two ends this test made, and nothing named lpmtest-* survives a test, even one that fails. Checks
 * its own names only: another build on this machine may own other lpmtest-* names at the moment.
 */
class NetworkNamespaceTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final HostProcesses host = new HostProcesses();

    @AfterEach
    void stopHostProcesses() {
        host.close();
    }

    @Test
    void aNewNamespaceHasOnlyItsOwnLoopbackUpAndNoRoutes() {
        try (NetworkNamespace ns = NetworkNamespace.create("nstest")) {
            assertThat(ns.name()).matches("lpmtest-nstest-[a-z0-9]{5}");
            assertThat(exec(ns, "ip", "-o", "link", "show").lines()).singleElement().asString()
                    .contains(" lo: ").contains("UP");
            assertThat(exec(ns, "ip", "-o", "-4", "addr", "show")).contains("inet 127.0.0.1/8");
            assertThat(exec(ns, "ip", "-4", "route", "show")).isBlank();
        }
    }

    @Test
    void execReportsExitCodeOutputAndTimeouts() {
        try (NetworkNamespace ns = NetworkNamespace.create("nstest")) {
            ExecResult failed = ns.exec("sh", "-c", "echo out; echo err >&2; exit 3");
            assertThat(failed.exitCode()).isEqualTo(3);
            assertThat(failed.ok()).isFalse();
            assertThat(failed.output()).contains("out").contains("err");

            ExecResult slow = ns.exec(Duration.ofMillis(300), "sleep", "30");
            assertThat(slow.timedOut()).isTrue();
            assertThat(slow.ok()).isFalse();
        }
    }

    @Test
    void vethEndsGetAddressesFromAFreeSlash30AndAreUp() {
        try (NetworkNamespace ns = NetworkNamespace.create("nstest").withVethToHost()) {
            assertThat(ns.hostInterface()).matches("lpmt[a-z0-9]{5}a").hasSizeLessThanOrEqualTo(15);
            assertThat(ns.peerInterface()).matches("lpmt[a-z0-9]{5}b");
            assertThat(ns.hostAddress()).startsWith("10.250.");
            assertThat(NetworkNamespace.overlaps(ns.hostAddress() + "/30", ns.peerAddress())).isTrue();
            assertThat(exec(ns, "ip", "-o", "-4", "addr", "show", "dev", ns.peerInterface()))
                    .contains("inet " + ns.peerAddress() + "/30");
            assertThat(exec(ns, "ip", "-o", "link", "show", "dev", ns.peerInterface())).contains("LOWER_UP");
            // Inside, the only route is the /30 itself: nothing sent inside can leave through the host.
            assertThat(exec(ns, "ip", "-4", "route", "show").strip().lines()).singleElement().asString()
                    .startsWith(ns.hostAddress().substring(0, ns.hostAddress().lastIndexOf('.')));
        }
    }

    @Test
    void tcpCrossesTheVethInBothDirections() throws Exception {
        try (NetworkNamespace ns = NetworkNamespace.create("nstest").withVethToHost()) {
            // Inside -> host: a server on the host's veth address, fetched from inside.
            int hostPort = HostProcesses.freePort(ns.hostAddress());
            host.httpServer(ns.hostAddress(), hostPort);
            await().atMost(WAIT).until(() -> HostProcesses.accepts(ns.hostAddress(), hostPort, Duration.ofSeconds(1)));
            String url = "http://" + ns.hostAddress() + ":" + hostPort + "/";
            ExecResult fetched = ns.exec("python3", "-c",
                    "import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=5).status)", url);
            assertThat(fetched.output().strip()).isEqualTo("200");
            assertThat(ns.canConnect(ns.hostAddress(), hostPort, Duration.ofSeconds(2))).isTrue();

            // Host -> inside: a server in the namespace on its end of the pair, fetched from the host.
            NetworkNamespace.Background server = ns.start("python3", "-u", "-m", "http.server", "0", "--bind", ns.peerAddress());
            await().atMost(WAIT).until(() -> server.output().contains("port "));
            int peerPort = Integer.parseInt(server.output().replaceAll("(?s).*port (\\d+).*", "$1"));
            try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://" + ns.peerAddress() + ":" + peerPort + "/")).timeout(WAIT).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void closeKillsEveryProcessInsideAndRemovesEverythingAndCanBeCalledAgain() {
        NetworkNamespace ns = NetworkNamespace.create("nstest").withVethToHost();
        String name = ns.name();
        List<String> links = List.of(ns.hostInterface(), ns.peerInterface());
        Process tracked = ns.start("sleep", "300").process();
        // A process this class does not know about, detached from anything it started.
        assertThat(ns.exec("sh", "-c", "setsid sleep 300 >/dev/null 2>&1 < /dev/null &").ok()).isTrue();
        List<ProcessHandle> inside = await().atMost(WAIT).until(() -> pidsIn(name), pids -> pids.size() >= 2);

        ns.close();

        assertThat(tracked.isAlive()).isFalse();
        await().atMost(WAIT).until(() -> inside.stream().noneMatch(ProcessHandle::isAlive));
        assertGone(name, links);
        ns.close();
        assertThatThrownBy(() -> ns.exec("true")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeCleansUpAfterAFailureInside() {
        String[] name = new String[1];
        List<String> links = new java.util.ArrayList<>();
        Process[] process = new Process[1];

        assertThatThrownBy(() -> {
            try (NetworkNamespace ns = NetworkNamespace.create("nstest").withVethToHost()) {
                name[0] = ns.name();
                links.addAll(List.of(ns.hostInterface(), ns.peerInterface()));
                process[0] = ns.start("sh", "-c", "sleep 300 & sleep 300; wait").process();
                assertThat(ns.exec("sh", "-c", "exit 7").exitCode()).as("a failing step").isZero();
            }
        }).isInstanceOf(AssertionError.class).hasMessageContaining("a failing step");

        assertThat(process[0].isAlive()).isFalse();
        assertGone(name[0], links);
    }

    @Test
    void closeToleratesWhatIsAlreadyRemoved() {
        NetworkNamespace ns = NetworkNamespace.create("nstest").withVethToHost();
        String name = ns.name();
        List<String> links = List.of(ns.hostInterface(), ns.peerInterface());
        assertThat(NetworkNamespace.run(WAIT, "ip", "link", "del", ns.hostInterface()).ok()).isTrue();
        assertThat(NetworkNamespace.run(WAIT, "ip", "netns", "del", name).ok()).isTrue();

        ns.close();

        assertGone(name, links);
    }

    @Test
    void purposeMustBeShortAndPlain() {
        assertThatThrownBy(() -> NetworkNamespace.create("Bad_Name")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetworkNamespace.create("a".repeat(21))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prefixesOverlapWhenTheyShareAnAddress() {
        assertThat(NetworkNamespace.overlaps("10.250.3.0/30", "10.250.3.2")).isTrue();
        assertThat(NetworkNamespace.overlaps("10.250.3.0/30", "10.250.3.4/30")).isFalse();
        assertThat(NetworkNamespace.overlaps("10.0.0.0/8", "10.250.3.4/30")).isTrue();
        assertThat(NetworkNamespace.overlaps("192.0.2.0/24", "10.250.3.4/30")).isFalse();
        assertThat(NetworkNamespace.overlaps("0.0.0.0/0", "10.250.3.4/30")).isTrue();
    }

    private static String exec(NetworkNamespace ns, String... command) {
        ExecResult result = ns.exec(command);
        assertThat(result.ok()).as("%s: %s", String.join(" ", command), result.output()).isTrue();
        return result.output();
    }

    private static List<ProcessHandle> pidsIn(String namespace) {
        return NetworkNamespace.run(WAIT, "ip", "netns", "pids", namespace).output().lines()
                .filter(l -> l.strip().matches("\\d+")).map(l -> ProcessHandle.of(Long.parseLong(l.strip())))
                .flatMap(java.util.Optional::stream).toList();
    }

    private static void assertGone(String namespace, List<String> links) {
        assertThat(NetworkNamespace.leftovers()).doesNotContain("netns " + namespace)
                .doesNotContain("link " + links.get(0), "link " + links.get(1));
        assertThat(NetworkNamespace.run(WAIT, "ip", "netns", "list").output()).doesNotContain(namespace);
        String allLinks = NetworkNamespace.run(WAIT, "ip", "-o", "link", "show").output();
        assertThat(allLinks).doesNotContain(links.get(0)).doesNotContain(links.get(1));
    }
}
