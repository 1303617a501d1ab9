package dev.lpm.audit;

import dev.lpm.audit.auditd.AuditTargets;
import dev.lpm.audit.auditd.AuditdCheck;
import dev.lpm.audit.auditd.AuditdProbe;
import dev.lpm.audit.auditd.AuditdState;
import dev.lpm.audit.engine.DaemonInfo;
import dev.lpm.audit.engine.EngineChecks;
import dev.lpm.audit.engine.EngineFacts;
import dev.lpm.audit.engine.EngineFactsProbe;
import dev.lpm.audit.engine.EngineReleases;
import dev.lpm.core.Finding;
import dev.lpm.docker.engine.DockerGateway;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine and this host against the guide ({@code lpm audit --host}): the engine's facts, the release table
 * its version is judged by, and the audit rules in force, with the findings and the facts worth saying even when
 * nothing is wrong (which table, which runtimes, where the rules were read).
 *
 * @param engineHost   the engine's address
 * @param auditTargets the paths of the guide's audit watches on this machine
 */
public record HostAudit(String engineHost, EngineFacts facts, EngineReleases releases, AuditdState auditd,
                        List<String> auditTargets) {

    public HostAudit {
        auditTargets = List.copyOf(auditTargets);
    }

    public static HostAudit probe(DockerGateway engine) {
        EngineFacts facts = new EngineFactsProbe().probe(engine);
        List<String> targets = AuditTargets.resolved(AuditTargets.guide(facts.info().dataRoot()),
                AuditTargets.fileSystem());
        return new HostAudit(engine.dockerHost(), facts, EngineReleases.bundled(), new AuditdProbe().probe(), targets);
    }

    public List<Finding> findings() {
        List<Finding> findings = new ArrayList<>(EngineChecks.check(facts, releases));
        AuditdCheck.check(auditd, auditTargets).ifPresent(findings::add);
        return findings;
    }

    /** What was looked at, one line each, for the report's head. */
    public List<String> factLines() {
        DaemonInfo info = facts.info();
        return List.of(
                "engine " + facts.version() + " at " + engineHost + "; " + releases.describe()
                        + " (offline: lpm does not ask the network)",
                "runtimes: " + (info.runtimes().isEmpty() ? "(not reported)" : String.join(", ", info.runtimes()))
                        + (info.defaultRuntime().isEmpty() ? "" : " (default " + info.defaultRuntime() + ")"),
                "rootless: " + yesNo(facts.rootless()) + "; userns-remap: " + yesNo(info.usernsRemap())
                        + "; live-restore: " + (info.liveRestore() == null ? "(not reported)" : yesNo(info.liveRestore())),
                "dockerd: " + (facts.daemonArgs().isEmpty() ? "(no dockerd on this machine serves " + engineHost + ")"
                        : String.join(" ", facts.daemonArgs())),
                "audit rules: " + auditd.detail());
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
