package dev.lpm.audit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.Finding;
import dev.lpm.core.Severity;
import dev.lpm.storage.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineChecksTest {

    private static final DaemonConfig HARDENED = new DaemonConfig(true, null, "127.0.0.1", false, true, false,
            List.of("unix:///var/run/docker.sock"), null);
    private static final EngineFacts.SocketFacts GOOD_SOCKET =
            new EngineFacts.SocketFacts("/var/run/docker.sock", "root", "docker", 0660);

    private static final EngineReleases TABLE = new EngineReleases(java.time.LocalDate.parse("2026-09-03"), 29,
            "29.8.0", "test");
    private static final DaemonInfo LIVE_RESTORE = new DaemonInfo(true, false, true, List.of("runc"), "runc", "");

    @Test
    void aHardenedRecentRootlessEngineHasNoFindings() {
        assertThat(EngineChecks.check(new EngineFacts("29.8.0", true, HARDENED, List.of("dockerd"), GOOD_SOCKET, List.of(),
                LIVE_RESTORE, List.of()), TABLE)).isEmpty();
    }

    @Test
    void defaultsGiveTheDaemonJsonFindingsAndRootful() {
        DaemonInfo defaults = new DaemonInfo(false, false, false, List.of("runc"), "runc", "/var/lib/docker");
        assertThat(EngineChecks.check(new EngineFacts("28.0.0", false, DaemonConfig.ABSENT, List.of(), GOOD_SOCKET,
                List.of(), defaults, List.of()), TABLE)).extracting(Finding::id)
                .containsExactly("engine-outdated", "daemon-live-restore", "daemon-userns-remap",
                        "daemon-default-ip-all-interfaces", "daemon-userland-proxy",
                        "daemon-no-new-privileges", "daemon-icc", "engine-rootful");
    }

    @Test
    void tcpWithoutTlsFromFlagsDaemonJsonOrAListener() {
        EngineFacts flags = facts(List.of("/usr/bin/dockerd", "-H", "fd://", "-H", "tcp://0.0.0.0:2375"), HARDENED, List.of());
        Finding f = EngineChecks.tcpWithoutTls(flags).orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.seen()).isEqualTo("dockerd listens on tcp://0.0.0.0:2375");
        DaemonConfig tcpHosts = new DaemonConfig(true, null, "127.0.0.1", false, true, false,
                List.of("tcp://192.168.1.5:2375"), null);
        assertThat(EngineChecks.tcpWithoutTls(facts(List.of(), tcpHosts, List.of()))).isPresent();
        assertThat(EngineChecks.tcpWithoutTls(facts(List.of(), HARDENED, List.of("0.0.0.0:2375")))).isPresent();
        // TLS with client verification on 2376 is the documented safe way.
        assertThat(EngineChecks.tcpWithoutTls(facts(List.of("dockerd", "--tlsverify", "-H=tcp://0.0.0.0:2376"),
                HARDENED, List.of("0.0.0.0:2376")))).isEmpty();
    }

    @Test
    void socketOwnerAndMode() {
        EngineFacts open = new EngineFacts("28.0.0", false, HARDENED, List.of(),
                new EngineFacts.SocketFacts("/var/run/docker.sock", "root", "docker", 0666), List.of());
        assertThat(EngineChecks.socketPermissions(open).orElseThrow().seen())
                .isEqualTo("/var/run/docker.sock is root:docker 0666 (others have access)");
        EngineFacts user = new EngineFacts("28.0.0", false, HARDENED, List.of(),
                new EngineFacts.SocketFacts("/var/run/docker.sock", "alice", "alice", 0660), List.of());
        assertThat(EngineChecks.socketPermissions(user).orElseThrow().seen()).contains("owner is not root")
                .contains("group is neither root nor docker");
        assertThat(EngineChecks.socketPermissions(facts(List.of(), HARDENED, List.of()))).isEmpty();
    }

    @Test
    void enginesBefore28GetThePublishedLoopbackCaveat() {
        assertThat(EngineChecks.versionCaveat(version("20.10.24+dfsg1")).orElseThrow().severity()).isEqualTo(Severity.HIGH);
        assertThat(EngineChecks.versionCaveat(version("27.5.1"))).isPresent();
        assertThat(EngineChecks.versionCaveat(version("28.0.0"))).isEmpty();
        assertThat(EngineChecks.versionCaveat(version("29.1.0"))).isEmpty();
        assertThat(EngineChecks.versionCaveat(version(""))).isEmpty();
    }

    @Test
    void daemonJsonIsReadDefensively(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("daemon.json");
        assertThat(EngineFactsProbe.daemonConfig(file)).isEqualTo(DaemonConfig.ABSENT);
        Files.writeString(file, "{\"ip\": \"127.0.0.1\", \"userland-proxy\": false, \"icc\": false,"
                + " \"no-new-privileges\": true, \"hosts\": [\"unix:///var/run/docker.sock\"]}");
        assertThat(EngineFactsProbe.daemonConfig(file)).isEqualTo(HARDENED);
        Files.writeString(file, "{\"ip\": ");
        DaemonConfig broken = EngineFactsProbe.daemonConfig(file);
        assertThat(broken.problem()).isNotBlank();
        assertThat(ids(new EngineFacts("28.0.0", true, broken, List.of(), GOOD_SOCKET, List.of())))
                .contains("daemon-json-unreadable");
        assertThat(DaemonConfig.parse(Json.mapper().readTree("{}")).ip()).isNull();
    }

    private static EngineFacts version(String v) {
        return new EngineFacts(v, true, HARDENED, List.of(), GOOD_SOCKET, List.of());
    }

    private static EngineFacts facts(List<String> args, DaemonConfig daemon, List<String> listeners) {
        return new EngineFacts("28.0.0", true, daemon, args, GOOD_SOCKET, listeners);
    }

    private static List<String> ids(EngineFacts facts) {
        return EngineChecks.check(facts).stream().map(Finding::id).toList();
    }
}
