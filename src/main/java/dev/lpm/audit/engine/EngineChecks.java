package dev.lpm.audit.engine;

import dev.lpm.core.Finding;
import dev.lpm.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The engine and host checks: pure, from {@link EngineFacts} to findings about {@link Finding#ENGINE}. */
public final class EngineChecks {

    /** Engines before 28.0 accept packets for 127.0.0.1-published ports from hosts on the same L2 segment. */
    static final int FIXED_MAJOR = 28;

    private static final Pattern VERSION = Pattern.compile("^v?(\\d+)\\.(\\d+)");

    private EngineChecks() {}

    public static List<Finding> check(EngineFacts facts) {
        return check(facts, EngineReleases.bundled());
    }

    /** {@code releases}: the table the engine's version is judged against. */
    public static List<Finding> check(EngineFacts facts, EngineReleases releases) {
        List<Finding> findings = new ArrayList<>();
        tcpWithoutTls(facts).ifPresent(findings::add);
        socketPermissions(facts).ifPresent(findings::add);
        versionCaveat(facts).ifPresent(findings::add);
        EngineVersionCheck.check(facts.version(), releases).ifPresent(findings::add);
        findings.addAll(DaemonInfoChecks.check(facts.info(), facts.rootless()));
        DaemonConfig d = facts.daemon();
        if (d.problem() != null) {
            findings.add(finding("daemon-json-unreadable", "", Severity.MEDIUM, "daemon.json: " + d.problem(),
                    "The engine refuses to start with a broken daemon.json, and its settings cannot be checked.",
                    "fix the JSON in /etc/docker/daemon.json (python3 -m json.tool /etc/docker/daemon.json)"));
        }
        if (d.ip() == null || d.ip().equals("0.0.0.0") || d.ip().equals("::")) {
            findings.add(finding("daemon-default-ip-all-interfaces", "", Severity.MEDIUM,
                    "daemon.json \"ip\" = " + (d.ip() == null ? "(not set: 0.0.0.0)" : d.ip()),
                    "Every -p 8080:80 without an address is published on all interfaces, reachable from the"
                            + " network (and past UFW).",
                    "set \"ip\": \"127.0.0.1\" in /etc/docker/daemon.json and restart dockerd"));
        }
        if (!Boolean.FALSE.equals(d.userlandProxy())) {
            findings.add(finding("daemon-userland-proxy", "CIS 2.15", Severity.LOW,
                    "daemon.json \"userland-proxy\" = " + (d.userlandProxy() == null ? "(not set: true)" : "true"),
                    "docker-proxy runs one process per published port; with it off, published ports are plain"
                            + " NAT rules that the firewall rules lpm prints see.",
                    "set \"userland-proxy\": false in /etc/docker/daemon.json"));
        }
        if (!Boolean.TRUE.equals(d.noNewPrivileges())) {
            findings.add(finding("daemon-no-new-privileges", "CIS 2.18", Severity.LOW,
                    "daemon.json \"no-new-privileges\" = " + (d.noNewPrivileges() == null ? "(not set: false)" : "false"),
                    "Containers may gain privileges through setuid programs unless each one is started with"
                            + " --security-opt no-new-privileges.",
                    "set \"no-new-privileges\": true in /etc/docker/daemon.json"));
        }
        if (!Boolean.FALSE.equals(d.icc())) {
            findings.add(finding("daemon-icc", "CIS 2.1", Severity.LOW,
                    "daemon.json \"icc\" = " + (d.icc() == null ? "(not set: true)" : "true"),
                    "Containers on the default bridge can reach each other's every port, so one compromised"
                            + " container reaches all the others.",
                    "set \"icc\": false in /etc/docker/daemon.json, and use user-defined networks for containers"
                            + " that must talk"));
        }
        if (!facts.rootless()) {
            findings.add(finding("engine-rootful", "", Severity.INFO, "the engine runs as root (not rootless)",
                    "A container escape on a rootful engine lands as root on the host.",
                    "consider rootless Docker (dockerd-rootless-setuptool.sh install) or Podman"));
        }
        return findings;
    }

    static Optional<Finding> tcpWithoutTls(EngineFacts facts) {
        List<String> seen = new ArrayList<>();
        boolean tlsVerify = Boolean.TRUE.equals(facts.daemon().tlsVerify()) || facts.daemonArgs().contains("--tlsverify");
        List<String> hosts = new ArrayList<>(facts.daemon().hosts());
        hosts.addAll(DockerdProcess.hosts(facts.daemonArgs()));
        if (!tlsVerify) {
            hosts.stream().filter(h -> h.startsWith("tcp://")).distinct().forEach(h -> seen.add("dockerd listens on " + h));
        }
        // Proof beats configuration: an address that answered over plain HTTP is open, whatever the flags say.
        facts.plainHttpApis().forEach(a -> seen.add(a + " answered GET /_ping over plain HTTP, without TLS"));
        facts.tcpListeners().stream().filter(l -> l.endsWith(":2375"))
                .forEach(l -> seen.add("something listens on " + l + " (the plain-HTTP Docker API port)"));
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(finding("engine-api-tcp-without-tls", "CIS 2.6", Severity.CRITICAL,
                String.join("; ", seen),
                "The Docker API over TCP without TLS gives anyone who reaches the port root on this machine.",
                "remove tcp:// from \"hosts\" in daemon.json and -H tcp://... from dockerd's command line; use the"
                        + " Unix socket or ssh://, or TLS with --tlsverify on 2376"));
    }

    static Optional<Finding> socketPermissions(EngineFacts facts) {
        EngineFacts.SocketFacts s = facts.socket();
        if (s == null) {
            return Optional.empty();
        }
        List<String> wrong = new ArrayList<>();
        if ((s.mode() & 07) != 0) {
            wrong.add("others have access");
        }
        if (!facts.rootless() && !s.owner().equals("root")) {
            wrong.add("owner is not root");
        }
        if (!facts.rootless() && !s.group().equals("root") && !s.group().equals("docker")) {
            wrong.add("group is neither root nor docker");
        }
        if (wrong.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(finding("engine-socket-permissions", "CIS 3.15/3.16", Severity.HIGH,
                s.path() + " is " + s.owner() + ":" + s.group() + " " + s.modeText() + " (" + String.join(", ", wrong) + ")",
                "Whoever can open the engine's socket controls the engine, which is root on this machine.",
                "chown root:docker " + s.path() + " && chmod 660 " + s.path()
                        + " (and keep the docker group to people who may be root)"));
    }

    static Optional<Finding> versionCaveat(EngineFacts facts) {
        Matcher m = VERSION.matcher(facts.version());
        if (!m.find() || Integer.parseInt(m.group(1)) >= FIXED_MAJOR) {
            return Optional.empty();
        }
        return Optional.of(finding("engine-loopback-ports-reachable-from-lan", "", Severity.HIGH,
                "engine version " + facts.version() + " (before " + FIXED_MAJOR + ".0)",
                "Engines before 28.0 let hosts on the same L2 segment (the café Wi-Fi, the office LAN) reach ports"
                        + " published on 127.0.0.1 by sending packets addressed to 127.0.0.1 to this machine.",
                "upgrade to Docker Engine 28.0 or later; until then: iptables -t raw -I PREROUTING ! -i lo -d"
                        + " 127.0.0.0/8 -j DROP (lpm firewall prints it)"));
    }

    private static Finding finding(String id, String reference, Severity severity, String seen, String why, String fix) {
        return new Finding(id, reference, severity, Finding.ENGINE, seen, why, fix);
    }
}
