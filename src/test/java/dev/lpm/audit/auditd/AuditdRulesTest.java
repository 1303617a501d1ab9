package dev.lpm.audit.auditd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpm.core.Finding;
import dev.lpm.core.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guide's audit watches: resolved for a machine, rendered, read back from auditctl -l and rule files, judged. */
class AuditdRulesTest {

    /** A Debian 12 machine with docker.io: runc in /usr/sbin, containerd in /usr/bin, no /etc/default/docker. */
    private static final Set<String> DEBIAN = Set.of("/usr/bin", "/usr/sbin", "/usr/bin/docker", "/usr/sbin/dockerd",
            "/var/lib", "/var/lib/docker", "/etc", "/etc/docker", "/lib/systemd/system",
            "/lib/systemd/system/docker.service", "/lib/systemd/system/docker.socket", "/etc/default",
            "/usr/bin/containerd", "/usr/sbin/runc");
    private static final Predicate<Path> ON_DEBIAN = p -> DEBIAN.contains(p.toString());

    @Test
    void theGuidesListResolvedOnADebianMachine() {
        assertThat(AuditTargets.resolved(AuditTargets.guide(""), ON_DEBIAN)).containsExactly("/usr/bin/docker",
                "/var/lib/docker", "/etc/docker", "/lib/systemd/system/docker.service",
                "/lib/systemd/system/docker.socket", "/etc/default/docker", "/etc/docker/daemon.json",
                "/usr/bin/containerd", "/usr/sbin/runc", "/usr/sbin/dockerd");
        assertThat(AuditTargets.guide("/srv/docker").get(1).guidePath()).isEqualTo("/srv/docker");
    }

    @Test
    void renderedRulesAreOneWatchALineWithTheirCommentAbove() {
        String rules = AuditRulesText.render(AuditTargets.guide(""), ON_DEBIAN, "docker");
        assertThat(rules.lines().filter(l -> l.startsWith("-w"))).containsExactly(
                "-w /usr/bin/docker -p wa -k docker",
                "-w /var/lib/docker -p wa -k docker",
                "-w /etc/docker -p wa -k docker",
                "-w /lib/systemd/system/docker.service -p wa -k docker",
                "-w /lib/systemd/system/docker.socket -p wa -k docker",
                "-w /etc/default/docker -p wa -k docker",
                "-w /etc/docker/daemon.json -p wa -k docker",
                "-w /usr/bin/containerd -p wa -k docker",
                "-w /usr/sbin/runc -p wa -k docker",
                "-w /usr/sbin/dockerd -p wa -k docker");
        assertThat(rules.lines().filter(l -> !l.isBlank())).allMatch(l -> l.startsWith("#") || l.startsWith("-w "));
        assertThat(rules).contains("# runc (docker-runc); the guide's /usr/bin/docker-runc\n-w /usr/sbin/runc");
        assertThat(rules).contains("# the daemon's binary; not in the guide's list\n-w /usr/sbin/dockerd");
        // A machine without /etc/default has nothing to watch there: said, not printed as a rule auditctl refuses.
        String noDefault = AuditRulesText.render(AuditTargets.guide(""), p -> ON_DEBIAN.test(p)
                && !p.toString().equals("/etc/default"), "docker");
        assertThat(noDefault).contains("# not on this machine: /etc/default/docker").doesNotContain("-w /etc/default");
        assertThatThrownBy(() -> AuditRulesText.render(List.of(), ON_DEBIAN, "two words"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void auditctlListingsAndRuleFilesAreRead() {
        // Recorded from auditctl -l (audit 3.0.9) after loading watches on a file and a directory.
        List<String> listing = List.of(
                "-w /usr/bin/docker -p wa -k docker",
                "-a always,exit -F arch=b64 -S all -F dir=/var/lib/docker -F perm=wa -F key=docker",
                "-w /etc/docker/ -p rwxa -k docker",
                "-w /etc/shadow -p r -k secrets",
                "-a always,exit -F arch=b64 -S execve -F key=exec",
                "-w /usr/sbin/runc -k all-perms");
        assertThat(LoadedAuditRules.watchedForWrites(listing)).containsExactly("/usr/bin/docker", "/var/lib/docker",
                "/etc/docker", "/usr/sbin/runc");
        assertThat(LoadedAuditRules.watchedForWrites(List.of("No rules"))).isEmpty();
        assertThat(LoadedAuditRules.watchedForWrites(List.of("# -w /etc/docker -p wa", "-W /etc/docker -p wa")))
                .isEmpty();
        assertThat(LoadedAuditRules.missing(List.of("/etc/docker", "/usr/sbin/runc", "/var/lib/docker/"),
                Set.of("/etc/docker", "/var/lib/docker"))).containsExactly("/usr/sbin/runc");
    }

    @Test
    void theCheckSaysWhatIsMissingAndWhereItLooked() {
        List<String> wanted = List.of("/usr/bin/docker", "/etc/docker");
        AuditdState some = AuditdState.read(AuditdState.Source.KERNEL, List.of("-w /etc/docker -p wa -k docker"),
                "the kernel's rules (/usr/sbin/auditctl -l)");
        Finding f = AuditdCheck.check(some, wanted).orElseThrow();
        assertThat(f.id()).isEqualTo("auditd-docker-rules-missing");
        assertThat(f.severity()).isEqualTo(Severity.LOW);
        assertThat(f.container()).isEqualTo(Finding.ENGINE);
        assertThat(f.seen()).isEqualTo("no audit watch for writes to /usr/bin/docker in the kernel's rules"
                + " (/usr/sbin/auditctl -l)");
        assertThat(f.fix()).contains("lpm auditd-rules");
        AuditdState all = AuditdState.read(AuditdState.Source.FILES, List.of("-w /etc/docker -p wa",
                "-w /usr/bin/docker -p wa"), "files");
        assertThat(AuditdCheck.check(all, wanted)).isEmpty();
        assertThat(AuditdCheck.check(new AuditdState(AuditdState.Source.NOT_INSTALLED, Set.of(), "auditd is not"
                + " installed"), wanted).orElseThrow().id()).isEqualTo("auditd-docker-rules-missing");
        assertThat(AuditdCheck.check(new AuditdState(AuditdState.Source.UNREADABLE, Set.of(), "denied"), wanted)
                .orElseThrow().severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void aSymbolicLinkIsNotWatchedButWhatItPointsTo(@TempDir Path dir) throws Exception {
        Path real = Files.createDirectories(dir.resolve("sbin")).resolve("runc");
        Files.writeString(real, "#!/bin/sh\n");
        Path link = Files.createDirectories(dir.resolve("bin")).resolve("runc");
        Files.createSymbolicLink(link, real);
        AuditTarget runc = new AuditTarget(link.toString(), List.of(link.toString(), real.toString()), "runc", true);
        assertThat(runc.resolve(AuditTargets.fileSystem())).contains(real.toString());
    }

    @Test
    void probeReadsTheRuleFilesWhenThereIsNoAuditctl(@TempDir Path dir) throws Exception {
        Path audit = dir.resolve("audit");
        assertThat(new AuditdProbe(audit, List.of()).probe().source()).isEqualTo(AuditdState.Source.NOT_INSTALLED);
        Files.createDirectories(audit.resolve("rules.d"));
        Files.writeString(audit.resolve("rules.d/docker.rules"),
                AuditRulesText.render(AuditTargets.guide(""), ON_DEBIAN, "docker"));
        Files.writeString(audit.resolve("rules.d/other.conf"), "-w /usr/bin/docker -p wa\n");
        AuditdState state = new AuditdProbe(audit, List.of(dir.resolve("no-auditctl").toString())).probe();
        assertThat(state.source()).isEqualTo(AuditdState.Source.FILES);
        assertThat(AuditdCheck.check(state, AuditTargets.resolved(AuditTargets.guide(""), ON_DEBIAN))).isEmpty();
        Files.delete(audit.resolve("rules.d/docker.rules"));
        assertThat(AuditdCheck.check(new AuditdProbe(audit, List.of()).probe(),
                AuditTargets.resolved(AuditTargets.guide(""), ON_DEBIAN))).isPresent();
    }
}
