package dev.lpm.audit.auditd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The engine's files the container-hardening guide wants audited (its audit.rules example, which is CIS Docker
 * Benchmark 1.2.0's 1.5-1.13), each with the places it lives on today's systems (the guide's
 * {@code docker-containerd} and {@code docker-runc} are now {@code containerd} and {@code runc}), plus the daemon's
 * own binary.
 */
public final class AuditTargets {

    private static final List<String> BIN = List.of("/usr/bin/", "/usr/local/bin/", "/usr/sbin/", "/usr/local/sbin/");
    private static final List<String> UNITS = List.of("/lib/systemd/system/", "/usr/lib/systemd/system/",
            "/etc/systemd/system/");

    private AuditTargets() {}

    /** The guide's list; {@code dataRoot} is the engine's data root (DockerRootDir), /var/lib/docker by default. */
    public static List<AuditTarget> guide(String dataRoot) {
        String root = dataRoot == null || dataRoot.isBlank() ? "/var/lib/docker" : dataRoot;
        List<AuditTarget> targets = new ArrayList<>();
        targets.add(new AuditTarget("/usr/bin/docker", in(BIN, "docker"), "the docker CLI", true));
        targets.add(new AuditTarget(root, List.of(root), "the engine's data root", true));
        targets.add(new AuditTarget("/etc/docker", List.of("/etc/docker"), "the engine's configuration directory", true));
        targets.add(new AuditTarget("/lib/systemd/system/docker.service", in(UNITS, "docker.service"),
                "the engine's systemd unit", true));
        targets.add(new AuditTarget("/lib/systemd/system/docker.socket", in(UNITS, "docker.socket"),
                "the engine's socket unit", true));
        targets.add(new AuditTarget("/etc/default/docker", List.of("/etc/default/docker", "/etc/sysconfig/docker"),
                "the engine's start options", true));
        targets.add(new AuditTarget("/etc/docker/daemon.json", List.of("/etc/docker/daemon.json"),
                "the engine's settings", true));
        List<String> containerd = new ArrayList<>(List.of("/usr/bin/docker-containerd"));
        containerd.addAll(in(BIN, "containerd"));
        targets.add(new AuditTarget("/usr/bin/docker-containerd", containerd, "containerd (docker-containerd)", true));
        List<String> runc = new ArrayList<>(List.of("/usr/bin/docker-runc"));
        runc.addAll(in(BIN, "runc"));
        targets.add(new AuditTarget("/usr/bin/docker-runc", runc, "runc (docker-runc)", true));
        targets.add(new AuditTarget("/usr/bin/dockerd", in(BIN, "dockerd"), "the daemon's binary", false));
        return List.copyOf(targets);
    }

    /** The path each target has on this machine, in order, without the ones that cannot be watched here. */
    public static List<String> resolved(List<AuditTarget> targets, Predicate<Path> exists) {
        return targets.stream().map(t -> t.resolve(exists)).flatMap(Optional::stream).distinct().toList();
    }

    /**
     * This machine's files. A symbolic link does not count (Debian's /usr/bin/runc links to /usr/sbin/runc): auditd
     * watches the name it is given, and a write to the real file would pass a watch on the link unseen.
     */
    public static Predicate<Path> fileSystem() {
        return p -> Files.exists(p) && !Files.isSymbolicLink(p);
    }

    private static List<String> in(List<String> dirs, String name) {
        return dirs.stream().map(d -> d + name).toList();
    }
}
