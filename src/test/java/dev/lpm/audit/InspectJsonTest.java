package dev.lpm.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.docker.engine.ContainerJson;
import dev.lpm.storage.Json;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit's part of the engine's container JSON: the security settings and docker top's commands. */
class InspectJsonTest {

    @Test
    void theContainerIsWhatTheOneReaderReadsAndTheSettingsComeBeside() {
        JsonNode json = json("""
                {"Id": "0123456789ab", "Name": "/web", "AppArmorProfile": "unconfined",
                 "State": {"Running": true},
                 "Config": {"Image": "example/web:1.4", "User": "65534:65534",
                            "Healthcheck": {"Test": ["CMD-SHELL", "true"]}},
                 "HostConfig": {"Privileged": true, "CapAdd": ["SYS_ADMIN"], "CapDrop": ["ALL"], "PidMode": "host",
                                "IpcMode": "private", "UTSMode": "host", "SecurityOpt": ["seccomp=unconfined"],
                                "Devices": [{"PathOnHost": "/dev/fuse", "PathInContainer": "/dev/fuse"}],
                                "PublishAllPorts": true, "ReadonlyRootfs": true, "Memory": 33554432, "PidsLimit": 32,
                                "NetworkMode": "bridge", "Runtime": "runsc",
                                "LogConfig": {"Type": "json-file", "Config": {}}},
                 "Mounts": [{"Type": "bind", "Source": "/etc", "Destination": "/host-etc", "RW": false,
                             "Propagation": "rprivate"}],
                 "NetworkSettings": {"Ports": {}}}""");

        ContainerSnapshot snapshot = InspectJson.parse(json);

        assertThat(snapshot.container()).isEqualTo(ContainerJson.info(json));
        assertThat(snapshot.name()).isEqualTo("web");
        assertThat(snapshot.processes()).as("not asked yet").isNull();
        assertThat(snapshot.settings()).isEqualTo(new SecuritySettings("65534:65534", List.of("CMD-SHELL", "true"),
                true, List.of("SYS_ADMIN"), List.of("ALL"), "host", "private", "host", List.of("seccomp=unconfined"),
                List.of("/dev/fuse:/dev/fuse"),
                List.of(new SecuritySettings.Mount("bind", "/etc", "/host-etc", false, "rprivate")),
                true, true, 32L << 20, 32, "unconfined", "runsc", "json-file"));
    }

    @Test
    void missingSettingsReadAsDockersDefaults() {
        SecuritySettings settings = InspectJson.parse(json("""
                {"HostConfig": {"PidsLimit": null, "CapAdd": null},
                 "Mounts": [{"Type": "volume", "Destination": "/data"}]}""")).settings();

        assertThat(settings).isEqualTo(new SecuritySettings("", List.of(), false, List.of(), List.of(), "", "", "",
                List.of(), List.of(), List.of(new SecuritySettings.Mount("volume", "", "/data", true, "")),
                false, false, 0, 0, ""));
    }

    @Test
    void topCommandsTakeTheCommandColumnWhereverItIs() {
        assertThat(InspectJson.topCommands(json("""
                {"Titles": ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"],
                 "Processes": [["root", "1", "0", "0", "10:00", "?", "00:00:00", "sleep 3600"],
                               ["root", "7", "1", "0", "10:00", "?", "00:00:00", "/usr/sbin/sshd -D"]]}""")))
                .containsExactly("sleep 3600", "/usr/sbin/sshd -D");
        assertThat(InspectJson.topCommands(json("""
                {"Titles": ["PID", "COMMAND", "USER"], "Processes": [["1", "nginx: master", "root"]]}""")))
                .containsExactly("nginx: master");
        assertThat(InspectJson.topCommands(json("""
                {"Titles": ["PID", "ARGS"], "Processes": [["1", "httpd -f"]]}""")))
                .as("no known title: the last column").containsExactly("httpd -f");
    }

    @Test
    void topProcessesMarkTheContainersOwnTreeFromItsInit() {
        // Recorded from docker top of a container whose init (host pid 4100) started crond, and a docker exec
        // session (4300, whose parent is the shim 4090, outside the container) running ps.
        List<ContainerProcess> processes = InspectJson.topProcesses(json("""
                {"Titles": ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"],
                 "Processes": [["root", "4100", "4090", "0", "10:00", "?", "00:00:00", "httpd -f -p 8080"],
                               ["root", "4150", "4100", "0", "10:00", "?", "00:00:00", "crond -f"],
                               ["root", "4300", "4090", "0", "10:01", "pts/0", "00:00:00", "sh"],
                               ["root", "4310", "4300", "0", "10:01", "pts/0", "00:00:00", "ps"]]}"""), 4100);
        assertThat(processes).containsExactly(new ContainerProcess(4100, 4090, "httpd -f -p 8080", true),
                new ContainerProcess(4150, 4100, "crond -f", true), new ContainerProcess(4300, 4090, "sh", false),
                new ContainerProcess(4310, 4300, "ps", false));
        assertThat(InspectJson.topProcesses(json("""
                {"Titles": ["PID", "CMD"], "Processes": [["7", "sshd"]]}"""), 0))
                .as("init unknown: every process counts").containsExactly(new ContainerProcess(7, -1, "sshd", true));
        assertThat(InspectJson.initPid(json("{\"State\": {\"Pid\": 4100}}"))).isEqualTo(4100);
    }

    @Test
    void statsGiveThePacketsOverEveryInterfaceSinceTheStart() {
        // Recorded from GET /containers/ID/stats?stream=false&one-shot=true on engine 20.10.
        JsonNode stats = json("""
                {"read": "2026-12-05T08:01:30.5Z",
                 "networks": {"eth0": {"rx_bytes": 796, "rx_packets": 10, "tx_bytes": 0, "tx_packets": 0},
                              "eth1": {"rx_bytes": 90, "rx_packets": 1, "tx_bytes": 42, "tx_packets": 2}}}""");
        assertThat(StatsJson.network(stats, java.time.Instant.parse("2026-12-05T08:00:00Z"))).contains(
                new NetworkActivity(2, 11, 2, java.time.Duration.ofMillis(90_500)));
        assertThat(StatsJson.network(json("{\"read\": \"2026-12-05T08:01:30Z\"}"), null)).as("--network none")
                .isEmpty();
        assertThat(StatsJson.network(json("{\"networks\": {\"eth0\": {\"tx_packets\": 0}}}"), null))
                .contains(new NetworkActivity(1, 0, 0, java.time.Duration.ZERO));
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
