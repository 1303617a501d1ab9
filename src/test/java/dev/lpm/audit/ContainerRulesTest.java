package dev.lpm.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.Finding;
import dev.lpm.core.Severity;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Each rule on its own: the hardened snapshot passes every rule, and one change to it makes exactly the
 * expected rule fire, with the field and value in the evidence.
 */
class ContainerRulesTest {

    private final ContainerAudit audit = new ContainerAudit();

    @Test
    void theHardenedContainerHasNoFindings() {
        assertThat(audit.audit(Snapshots.hardened().build(), AuditContext.NO_VPN)).isEmpty();
        assertThat(audit.audit(Snapshots.hardened().build(), new AuditContext(true, false))).isEmpty();
    }

    @Test
    void idsAreUniqueAndEveryRuleExplainsItself() {
        assertThat(new HashSet<>(ContainerRules.ALL.stream().map(ContainerRule::id).toList()))
                .hasSameSizeAs(ContainerRules.ALL);
        assertThat(ContainerRules.ALL).allSatisfy(r -> assertThat(r.id()).matches("[a-z0-9-]+"));
    }

    @Test
    void privileged() {
        Finding f = only(s -> s.privileged = true, "privileged");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.reference()).isEqualTo("CIS 5.5");
        assertThat(f.seen()).isEqualTo("HostConfig.Privileged = true");
        assertThat(f.fix()).contains("--privileged");
        assertThat(f.why()).isNotBlank();
        assertThat(f.container()).isEqualTo("web");
    }

    @Test
    void engineSocketMounted() {
        assertThat(only(s -> s.bind("/var/run/docker.sock", "/var/run/docker.sock", true, "rprivate"),
                "engine-socket-mounted").seen()).contains("/var/run/docker.sock");
        // Read-only does not help: the socket is still writable through connect().
        only(s -> s.bind("/run/docker.sock", "/sock", false, ""), "engine-socket-mounted");
        only(s -> s.bind("/run/user/1000/podman/podman.sock", "/run/podman.sock", true, ""), "engine-socket-mounted");
        only(s -> s.bind("/home/me/data", "/data", false, ""), null);
    }

    @Test
    void hostNetwork() {
        assertThat(only(s -> s.networkMode = "host", "host-network").severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void exposedDuringVpnOnlyWhileAVpnIsUp() {
        Consumer<Snapshots> lanPort = s -> s.port("192.168.1.20", "9000");
        assertThat(only(lanPort, "exposed-during-vpn", new AuditContext(true, false)).seen())
                .contains("192.168.1.20:9000->80/tcp");
        only(lanPort, null, AuditContext.NO_VPN);
        // Loopback ports are fine even with a VPN.
        only(s -> s.port("::1", "9001"), null, new AuditContext(true, false));
    }

    @Test
    void addedCapabilitiesBeyondDockersDefaults() {
        Finding f = only(s -> s.capAdd.addAll(List.of("CAP_SYS_ADMIN", "net_admin", "NET_BIND_SERVICE")),
                "added-capabilities");
        assertThat(f.seen()).isEqualTo("HostConfig.CapAdd = [NET_ADMIN, SYS_ADMIN] (dangerous: NET_ADMIN, SYS_ADMIN)");
        assertThat(only(s -> s.capAdd.add("ALL"), "added-capabilities").seen()).contains("dangerous: ALL");
        // Adding back a default after --cap-drop ALL is what hardening guides recommend.
        only(s -> s.capAdd.add("NET_BIND_SERVICE"), null);
    }

    @Test
    void sensitiveHostPathsReadWrite() {
        assertThat(only(s -> s.bind("/etc", "/host-etc", true, "rprivate"), "sensitive-host-path").seen())
                .isEqualTo("Mounts (read-write): /etc:/host-etc");
        only(s -> s.bind("/", "/host", true, ""), "sensitive-host-path");
        only(s -> s.bind("/proc/sys/", "/p", true, ""), "sensitive-host-path");
        only(s -> s.bind("/etc", "/host-etc", false, ""), null);
        only(s -> s.bind("/etcetera", "/x", true, ""), null);
        only(s -> s.bind("/home/me/src", "/src", true, ""), null);
    }

    @Test
    void hostNamespaces() {
        assertThat(only(s -> s.pidMode = "host", "host-pid").seen()).isEqualTo("HostConfig.PidMode = host");
        assertThat(only(s -> s.ipcMode = "host", "host-ipc").seen()).isEqualTo("HostConfig.IpcMode = host");
        assertThat(only(s -> s.utsMode = "host", "host-uts").seen()).isEqualTo("HostConfig.UTSMode = host");
        only(s -> s.ipcMode = "shareable", null);
    }

    @Test
    void seccompAndAppArmorUnconfined() {
        only(s -> s.securityOpt.add("seccomp=unconfined"), "seccomp-unconfined");
        only(s -> s.securityOpt.add("seccomp:unconfined"), "seccomp-unconfined");
        only(s -> s.securityOpt.add("apparmor=unconfined"), "apparmor-unconfined");
        only(s -> s.appArmor = "unconfined", "apparmor-unconfined");
        // On a host without AppArmor the profile is empty: not the container's doing.
        only(s -> s.appArmor = "", null);
    }

    @Test
    void hostDevices() {
        assertThat(only(s -> s.devices.add("/dev/sda:/dev/sda"), "host-devices").seen()).contains("/dev/sda");
    }

    @Test
    void portsOnAllInterfacesAndPublishAll() {
        assertThat(only(s -> { s.port("0.0.0.0", "32768"); s.port("::", "32768"); }, "port-on-all-interfaces").seen())
                .isEqualTo("NetworkSettings.Ports: 0.0.0.0:32768->80/tcp, [::]:32768->80/tcp");
        only(s -> s.port("", ""), "port-on-all-interfaces");
        assertThat(only(s -> s.publishAll = true, "port-on-all-interfaces").seen())
                .isEqualTo("HostConfig.PublishAllPorts = true");
        only(s -> s.port("10.0.0.5", "8081"), null);
    }

    @Test
    void rootUser() {
        assertThat(only(s -> s.user = "", "root-user").seen()).contains("empty");
        only(s -> s.user = "0", "root-user");
        only(s -> s.user = "root:root", "root-user");
        only(s -> s.user = "0:1000", "root-user");
        only(s -> s.user = "1000", null);
        only(s -> s.user = "app", null);
    }

    @Test
    void noNewPrivileges() {
        only(s -> s.securityOpt.clear(), "no-new-privileges-missing");
        only(s -> s.securityOpt.set(0, "no-new-privileges:true"), null);
        only(s -> s.securityOpt.set(0, "no-new-privileges=true"), null);
        only(s -> s.securityOpt.set(0, "no-new-privileges:false"), "no-new-privileges-missing");
        // Set engine-wide in daemon.json: inspect does not show it, the context does.
        only(s -> s.securityOpt.clear(), null, new AuditContext(false, true));
    }

    @Test
    void mediumResourceAndFilesystemRules() {
        only(s -> s.readonly = false, "writable-root-filesystem");
        only(s -> s.memory = 0, "no-memory-limit");
        assertThat(only(s -> s.pids = 0, "no-pids-limit").seen()).isEqualTo("HostConfig.PidsLimit = null (unlimited)");
        only(s -> s.pids = -1, "no-pids-limit");
        assertThat(only(s -> s.bind("/mnt/data", "/data", true, "rshared"), "shared-mount-propagation").seen())
                .contains("(rshared)");
    }

    @Test
    void lowAndInfoRules() {
        only(s -> s.healthcheck.clear(), "no-healthcheck");
        only(s -> s.healthcheck = List.of("NONE"), "no-healthcheck");
        only(s -> s.image = "nginx", "image-latest-tag");
        only(s -> s.image = "nginx:latest", "image-latest-tag");
        only(s -> s.image = "localhost:5000/team/api", "image-latest-tag");
        only(s -> s.image = "localhost:5000/team/api:2.0", null);
        only(s -> s.image = "nginx@sha256:0123", null);
        only(s -> s.labels.put("org.opencontainers.image.base.name", "docker.io/library/debian:12"), "image-not-minimal");
        only(s -> s.labels.put("org.opencontainers.image.base.name", "python:3.12-slim"), null);
        assertThat(only(s -> s.processes.add("/usr/sbin/sshd -D"), "several-services").seen()).contains("sshd");
        only(s -> s.processes.add("supervisord -n"), "several-services");
        only(s -> s.processes = null, null);
    }

    @Test
    void severalServicesFromTheContainersOwnProcessTree() {
        assertThat(only(s -> s.processes.add("crond -f"), "several-services").seen())
                .isEqualTo("processes (docker top): crond, httpd; crond is a server or supervisor of its own;"
                        + " 2 different long-running programs");
        // Any two daemons, none of them a marker.
        assertThat(only(s -> s.processes.add("syslogd -n"), "several-services").seen())
                .isEqualTo("processes (docker top): httpd, syslogd; 2 different long-running programs");
        // cron alone is already a second service in waiting.
        only(s -> s.processes = new java.util.ArrayList<>(List.of("/usr/sbin/cron -f")), "several-services");
        // Workers of one program, shells, init wrappers and sleep are one service.
        only(s -> s.processes = new java.util.ArrayList<>(List.of("/sbin/tini -- nginx", "nginx: master process",
                "nginx: worker process", "nginx: worker process")), null);
        only(s -> s.processes = new java.util.ArrayList<>(List.of("sh -c exec httpd", "httpd -f", "sleep 5")), null);
        only(s -> s.processes = new java.util.ArrayList<>(List.of("postgres", "postgres: checkpointer",
                "postgres: walwriter")), null);
        // A docker exec session or a health check beside the container's own tree is not a service.
        only(s -> s.execs.addAll(List.of("sh", "top", "wget -q -O- http://localhost/")), null);
    }

    @Test
    void networkUnusedOnlyWithoutPortsAndTrafficAfterLongEnough() {
        java.time.Duration minute = java.time.Duration.ofMinutes(1);
        Finding f = only(s -> {
            s.ports.clear();
            s.network = new NetworkActivity(1, 3, 0, minute);
        }, "network-unused");
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.seen()).isEqualTo("no published ports, and 0 packets sent in 60 s since it started (3 received;"
                + " docker stats, 1 interface)");
        assertThat(f.fix()).contains("--network none");
        only(s -> s.network = new NetworkActivity(1, 3, 0, minute), null); // publishes 127.0.0.1:8080
        only(s -> {
            s.ports.clear();
            s.network = new NetworkActivity(1, 3, 1, minute);
        }, null);
        only(s -> {
            s.ports.clear();
            s.network = new NetworkActivity(1, 0, 0, java.time.Duration.ofSeconds(5));
        }, null);
        only(s -> {
            s.ports.clear();
            s.network = null; // --network none has no network stats at all
        }, null);
        only(s -> {
            s.ports.clear();
            s.networkMode = "host";
            s.network = new NetworkActivity(1, 0, 0, minute);
        }, "host-network");
    }

    @Test
    void theRuntimeIsAFactNotAFinding() {
        Snapshots s = Snapshots.hardened();
        assertThat(ContainerFacts.of(s.build())).containsExactly("runtime runc: shares the host's kernel (for untrusted"
                + " code, gVisor --runtime=runsc or Kata add a layer)");
        s.runtime = "runsc";
        assertThat(ContainerFacts.of(s.build())).singleElement().asString().startsWith("runtime runsc: gVisor");
        s.runtime = "io.containerd.kata.v2";
        assertThat(ContainerFacts.of(s.build())).singleElement().asString().contains("Kata Containers");
        assertThat(audit.audit(s.build(), AuditContext.NO_VPN)).isEmpty();
        AuditReport report = audit.audit(List.of(s.build()), AuditContext.NO_VPN);
        assertThat(report.containers().getFirst().facts()).hasSize(1);
    }

    @Test
    void findingsComeWorstFirst() {
        Snapshots s = Snapshots.hardened();
        s.privileged = true;
        s.user = "";
        s.healthcheck.clear();
        s.capAdd.add("SYS_ADMIN");
        assertThat(audit.audit(s.build(), AuditContext.NO_VPN)).extracting(Finding::id)
                .containsExactly("privileged", "added-capabilities", "root-user", "no-healthcheck");
    }

    @Test
    void logsThatStayOnTheHostAreAFindingUnlessAForwarderShipsThem() {
        assertThat(only(s -> s.logDriver = "json-file", "logs-stay-local").seen())
                .startsWith("log driver json-file: the logs stay in the engine's files on this host");
        assertThat(only(s -> s.logDriver = "local", "logs-stay-local").fix()).contains("--log-driver")
                .contains("daemon.json").contains("fluent-bit");
        only(s -> s.logDriver = "json-file", null, new AuditContext(false, false, "lpmtest-forwarder"));
        assertThat(only(s -> s.logDriver = "none", "logs-stay-local", new AuditContext(false, false, "fwd")).seen())
                .isEqualTo("log driver none: the container's output is thrown away");
        only(s -> s.logDriver = "gelf", null);
        only(s -> s.logDriver = "syslog", null);
        only(s -> s.logDriver = "", null);
    }

    private Finding only(Consumer<Snapshots> change, String expectedId) {
        return only(change, expectedId, AuditContext.NO_VPN);
    }

    /** Applies {@code change} to the hardened container; expects exactly {@code expectedId} (or nothing, when null). */
    private Finding only(Consumer<Snapshots> change, String expectedId, AuditContext context) {
        Snapshots s = Snapshots.hardened();
        change.accept(s);
        List<Finding> findings = audit.audit(s.build(), context);
        if (expectedId == null) {
            assertThat(findings).as("findings").isEmpty();
            return null;
        }
        assertThat(findings).as("findings").extracting(Finding::id).containsExactly(expectedId);
        return findings.getFirst();
    }
}
