package dev.lpm.cli;

import dev.lpm.audit.auditd.AuditRulesText;
import dev.lpm.audit.auditd.AuditTargets;
import dev.lpm.docker.engine.DockerEngineException;
import dev.lpm.docker.engine.DockerGateway;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lpm auditd-rules}: prints the auditd watches the hardening guide lists, for this machine's paths. */
@Command(name = "auditd-rules", description = {
        "Print auditd rules that watch the Docker engine's files for writes and attribute changes (the container"
                + " hardening guide's audit.rules, CIS Docker 1.5-1.13): the docker CLI, the data root, /etc/docker,"
                + " the systemd units, /etc/default/docker, daemon.json, containerd, runc, and dockerd itself.",
        "Paths are the ones on this machine (containerd and runc where they are installed today, the data root the"
                + " engine reports); a path that cannot be watched here is printed as a comment. Nothing is changed:"
                + " install with  lpm auditd-rules | sudo tee /etc/audit/rules.d/docker.rules && sudo augenrules --load"})
public final class AuditdRulesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", paramLabel = "KEY", defaultValue = AuditRulesText.DEFAULT_KEY,
            description = "the key the rules carry, for ausearch -k KEY (default: ${DEFAULT-VALUE})")
    String key;

    @Option(names = "--data-root", paramLabel = "DIR", description = "the engine's data root (default: what the"
            + " engine reports, else /var/lib/docker)")
    String dataRoot;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String root = dataRoot != null ? dataRoot : engineDataRoot();
        try {
            out.print(AuditRulesText.render(AuditTargets.guide(root), AuditTargets.fileSystem(), key));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        out.flush();
        return 0;
    }

    /** The engine's DockerRootDir; the default when no engine answers (the rules are still worth having). */
    private String engineDataRoot() {
        try (DockerGateway engine = Instance.engine()) {
            return engine.getJson("/info").path("DockerRootDir").asText("");
        } catch (DockerEngineException e) {
            spec.commandLine().getErr().println("lpm: no Docker engine answered (" + e.getMessage()
                    + "); using /var/lib/docker as the data root");
            return "";
        }
    }
}
