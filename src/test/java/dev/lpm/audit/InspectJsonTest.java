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
                                "NetworkMode": "bridge"},
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
                true, true, 32L << 20, 32, "unconfined"));
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

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
