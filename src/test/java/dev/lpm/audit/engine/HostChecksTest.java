package dev.lpm.audit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.core.Finding;
import dev.lpm.core.Severity;
import dev.lpm.storage.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host checks added for the hardening guide: version table, /info settings, which dockerd serves the engine. */
class HostChecksTest {

    private static final EngineReleases TABLE = new EngineReleases(LocalDate.parse("2026-09-03"), 29, "29.8.0", "test");

    @Test
    void theBundledTableHasADateAStableLineAndItsNewestRelease() {
        EngineReleases bundled = EngineReleases.bundled();
        assertThat(bundled.asOf()).isAfter(LocalDate.parse("2025-11-01"));
        assertThat(EngineVersionCheck.parse(bundled.newest())[0]).isEqualTo(bundled.stableLine());
        assertThat(bundled.describe()).startsWith("lpm's release table of " + bundled.asOf());
    }

    @Test
    void anOlderLineIsMediumBehindOnTheLineIsLowCurrentOrNewerPasses() {
        Finding old = EngineVersionCheck.check("20.10.24+dfsg1", TABLE).orElseThrow();
        assertThat(old.id()).isEqualTo("engine-outdated");
        assertThat(old.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(old.seen()).isEqualTo("engine 20.10.24+dfsg1; lpm's release table of 2026-09-03: stable line 29,"
                + " newest 29.8.0 (offline, not checked online)");
        assertThat(old.container()).isEqualTo(Finding.ENGINE);
        assertThat(EngineVersionCheck.check("28.5.2", TABLE).orElseThrow().id()).isEqualTo("engine-outdated");
        Finding behind = EngineVersionCheck.check("29.1.3", TABLE).orElseThrow();
        assertThat(behind.id()).isEqualTo("engine-behind-latest");
        assertThat(behind.severity()).isEqualTo(Severity.LOW);
        assertThat(EngineVersionCheck.check("29.7.10", TABLE)).isPresent();
        assertThat(EngineVersionCheck.check("29.8.0", TABLE)).isEmpty();
        assertThat(EngineVersionCheck.check("29.10.1", TABLE)).isEmpty();
        assertThat(EngineVersionCheck.check("30.0.0-rc.1", TABLE)).isEmpty();
        assertThat(EngineVersionCheck.check("dev", TABLE)).isEmpty();
        assertThat(EngineVersionCheck.check("", TABLE)).isEmpty();
    }

    @Test
    void infoIsReadForLiveRestoreUsernsRootlessAndRuntimes() throws Exception {
        // Recorded from GET /info of engine 20.10.24 with --userns-remap default and --live-restore.
        JsonNode info = Json.mapper().readTree("""
                {"LiveRestoreEnabled": true, "DefaultRuntime": "runc", "DockerRootDir": "/var/lib/docker/100000.100000",
                 "Runtimes": {"runc": {"path": "runc"}, "io.containerd.runc.v2": {"path": "runc"}},
                 "SecurityOptions": ["name=seccomp,profile=default", "name=userns"]}""");
        assertThat(DaemonInfo.parse(info)).isEqualTo(new DaemonInfo(true, true, false,
                List.of("io.containerd.runc.v2", "runc"), "runc", "/var/lib/docker/100000.100000"));
        assertThat(DaemonInfoChecks.check(DaemonInfo.parse(info), false)).isEmpty();

        JsonNode plain = Json.mapper().readTree("""
                {"LiveRestoreEnabled": false, "SecurityOptions": ["name=seccomp,profile=default"]}""");
        assertThat(DaemonInfoChecks.check(DaemonInfo.parse(plain), false)).extracting(Finding::id)
                .containsExactly("daemon-live-restore", "daemon-userns-remap");
        assertThat(DaemonInfoChecks.check(DaemonInfo.parse(plain), true)).as("rootless maps users already")
                .extracting(Finding::id).containsExactly("daemon-live-restore");
        JsonNode rootless = Json.mapper().readTree("""
                {"SecurityOptions": ["name=seccomp,profile=default", "name=rootless", "name=cgroupns"]}""");
        assertThat(DaemonInfo.parse(rootless).rootless()).isTrue();
        assertThat(DaemonInfo.parse(rootless).liveRestore()).as("not said").isNull();
        assertThat(DaemonInfoChecks.check(DaemonInfo.parse(rootless), true)).isEmpty();
    }

    @Test
    void theDockerdThatServesTheAddressNotTheFirstOne(@TempDir Path proc) throws Exception {
        process(proc, 100, "dockerd", "dockerd", "--host", "unix:///var/run/docker.sock");
        process(proc, 200, "dockerd", "dockerd", "--data-root", "/var/lib/lpmtest-engine-7", "--host",
                "unix:///run/lpmtest-engine-7.sock", "-H", "tcp://127.0.0.1:23750");
        process(proc, 300, "containerd", "containerd", "--config", "x");
        assertThat(DockerdProcess.argsFor(proc, "unix:///run/lpmtest-engine-7.sock")).contains("tcp://127.0.0.1:23750");
        assertThat(DockerdProcess.argsFor(proc, "tcp://127.0.0.1:23750")).contains("/var/lib/lpmtest-engine-7");
        assertThat(DockerdProcess.argsFor(proc, "unix:///var/run/docker.sock"))
                .containsExactly("dockerd", "--host", "unix:///var/run/docker.sock");
        assertThat(DockerdProcess.argsFor(proc, "unix:///run/user/1000/docker.sock")).as("several, none named: no guess")
                .isEmpty();
        assertThat(DockerdProcess.hosts(List.of("dockerd", "-H", "fd://", "--host=tcp://0.0.0.0:2375",
                "-Hunix:///x.sock", "-H=tcp://[::1]:2376"))).containsExactly("fd://", "tcp://0.0.0.0:2375",
                "unix:///x.sock", "tcp://[::1]:2376");
    }

    @Test
    void systemdsDockerdServesTheDefaultSocket(@TempDir Path proc) throws Exception {
        process(proc, 100, "dockerd", "/usr/bin/dockerd", "-H", "fd://", "--containerd=/run/containerd/containerd.sock");
        process(proc, 200, "dockerd", "dockerd", "--host", "unix:///run/lpmtest-engine-7.sock");
        assertThat(DockerdProcess.argsFor(proc, "unix:///var/run/docker.sock")).first().isEqualTo("/usr/bin/dockerd");
    }

    @Test
    void anAnswerOverPlainHttpIsReportedEvenWithTlsVerifyConfigured() {
        EngineFacts facts = new EngineFacts("29.8.0", false, DaemonConfig.ABSENT, List.of("dockerd", "--tlsverify",
                "-H", "tcp://0.0.0.0:2376"), null, List.of(), null, List.of("tcp://0.0.0.0:2376 (API 1.52)"));
        assertThat(EngineChecks.tcpWithoutTls(facts).orElseThrow().seen())
                .isEqualTo("tcp://0.0.0.0:2376 (API 1.52) answered GET /_ping over plain HTTP, without TLS");
    }

    @Test
    void nothingListeningIsNoAnswer() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertThat(PlainHttpApiProbe.answers("tcp://127.0.0.1:" + port)).isEmpty();
        assertThat(PlainHttpApiProbe.answers("not an address")).isEmpty();
    }

    private static void process(Path proc, int pid, String comm, String... args) throws Exception {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(dir.resolve("comm"), comm + "\n");
        Files.write(dir.resolve("cmdline"), (String.join("\0", args) + "\0").getBytes(StandardCharsets.UTF_8));
    }
}
