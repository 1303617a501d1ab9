package dev.lpm.cli;

import dev.lpm.audit.AuditContext;
import dev.lpm.audit.AuditReport;
import dev.lpm.audit.ContainerAudit;
import dev.lpm.audit.ContainerSnapshot;
import dev.lpm.audit.EngineInspectSource;
import dev.lpm.audit.HostAudit;
import dev.lpm.audit.LogForwarders;
import dev.lpm.audit.ReportText;
import dev.lpm.audit.listeners.ListenerFinding;
import dev.lpm.audit.engine.EngineFactsProbe;
import dev.lpm.audit.images.ImageAudit;
import dev.lpm.audit.images.ImageSubjects;
import dev.lpm.audit.images.SbomStore;
import dev.lpm.audit.images.SignatureCheck;
import dev.lpm.audit.images.SignaturePolicy;
import dev.lpm.audit.scan.ScanSummary;
import dev.lpm.audit.scan.Tools;
import dev.lpm.audit.scan.Scanner;
import dev.lpm.audit.scan.Scanners;
import dev.lpm.control.ControlClient;
import dev.lpm.control.ControlRequest;
import dev.lpm.control.SecurityView;
import dev.lpm.control.ServiceView;
import dev.lpm.core.Finding;
import dev.lpm.docker.engine.DockerEngineException;
import dev.lpm.docker.engine.DockerGateway;
import dev.lpm.events.EventBus;
import dev.lpm.vpn.VpnDetector;
import java.time.Clock;
import java.time.Duration;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lpm audit}: the running containers (and the engine) against the hardening rules, and lpm's running
 * services that listen beyond loopback. It talks to the Docker engine directly, so it works without an
 * instance. The VPN state comes from the running instance, or from one detection of its own when none
 * runs; the services, and where they listen, from the instance (without one no service runs).
 */
@Command(name = "audit", description = "Check the running containers and the Docker engine against the container"
        + " hardening rules (CIS Docker Benchmark), and lpm's services for listening beyond loopback: what is"
        + " risky, why, and the fix.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing high or critical", "1:failed", "2:usage error", "3:high or critical findings"})
public final class AuditCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "print JSON: {containers: [{container, findings: [...], facts: [...]}], exitCode, host: [...]}")
    boolean json;

    @Option(names = "--container", paramLabel = "NAME", description = "audit this container only (no engine or"
            + " service checks)")
    String container;

    @Option(names = "--host", description = "audit only the Docker engine and this host: TCP API without TLS (tried),"
            + " socket permissions, the engine's version against lpm's release table, live-restore, userns-remap,"
            + " rootless, daemon.json, and auditd watches on the engine's files")
    boolean host;

    @Option(names = "--images", description = "audit the images of the running containers: signature (cosign with"
            + " --cosign-key or --cosign-identity, else docker trust), tag drift, an SBOM per image (syft, trivy or"
            + " cdxgen; CycloneDX JSON under LPM_HOME/sbom, reused while the image id is the same) and the"
            + " vulnerabilities grype or trivy find in it")
    boolean images;

    @Option(names = "--cosign-key", paramLabel = "KEY", description = "with --images: verify signatures with cosign"
            + " against this public key (file or KMS URI)")
    String cosignKey;

    @Option(names = "--cosign-identity", paramLabel = "ID", description = "with --images: verify keyless cosign"
            + " signatures made by this identity (needs --cosign-issuer)")
    String cosignIdentity;

    @Option(names = "--cosign-issuer", paramLabel = "URL", description = "with --cosign-identity: the OIDC issuer"
            + " that vouched for it")
    String cosignIssuer;

    @Option(names = "--scan", paramLabel = "IMAGE", description = "run trivy, grype or docker scout on IMAGE and"
            + " print the counts by severity")
    String scanImage;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (scanImage != null) {
            return scan(out);
        }
        if (images) {
            return images(out);
        }
        if (cosignKey != null || cosignIdentity != null || cosignIssuer != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--cosign-key, --cosign-identity and"
                    + " --cosign-issuer go with --images");
        }
        ControlClient instance = host ? null : Instance.ifRunning();
        if (host && container != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--host and --container exclude each other");
        }
        try (DockerGateway docker = Instance.engine()) {
            HostAudit hostAudit = container == null ? HostAudit.probe(docker) : null;
            AuditReport report;
            if (host) {
                report = AuditReport.of(List.of(new AuditReport.ContainerFindings(Finding.ENGINE, hostAudit.findings())));
            } else {
                EngineInspectSource source = new EngineInspectSource(docker);
                boolean engineNoNewPrivileges = Boolean.TRUE.equals((hostAudit != null ? hostAudit.facts().daemon()
                        : EngineFactsProbe.daemonConfig(EngineFactsProbe.DAEMON_JSON)).noNewPrivileges());
                String dataRoot = hostAudit != null ? hostAudit.facts().info().dataRoot() : "";
                AuditContext context = new AuditContext(vpnActive(instance), engineNoNewPrivileges,
                        LogForwarders.find(docker, dataRoot).orElse(""));
                List<ContainerSnapshot> containers = container == null ? source.running()
                        : List.of(source.container(container).orElseThrow(
                                () -> new CliException("no container named '" + container + "'")));
                report = new ContainerAudit().audit(containers, context);
                if (hostAudit != null) {
                    report = report.with(List.of(new AuditReport.ContainerFindings(Finding.ENGINE, hostAudit.findings())));
                    report = report.with(serviceFindings(instance, context.vpnActive()));
                }
            }
            List<String> facts = hostAudit == null ? List.of() : hostAudit.factLines();
            if (json) {
                Output.json(out, new JsonReport(report.containers(), report.exitCode(), facts));
            } else {
                if (!facts.isEmpty()) {
                    out.println("Host:");
                    facts.forEach(line -> out.println("  " + line));
                    out.println();
                }
                ReportText.print(report, out);
            }
            return report.exitCode();
        } catch (DockerEngineException e) {
            throw new CliException(e.getMessage() + " (is dockerd running, and may this user use its socket?)");
        }
    }

    /** The instance's verdict when one runs; else one detection here (ports count as critical under a VPN). */
    private static boolean vpnActive(ControlClient instance) {
        if (instance != null) {
            return Output.convert(instance.call(new ControlRequest.Security()), SecurityView.class).vpn().active();
        }
        return new VpnDetector(Instance.settings().vpn(), new EventBus(), Clock.systemUTC(),
                VpnDetector.DEFAULT_INTERFACE_INTERVAL, VpnDetector.DEFAULT_PROCESS_INTERVAL).detectNow().active();
    }

    /** A group per running service that listens beyond loopback; the instance read where they listen. */
    private static List<AuditReport.ContainerFindings> serviceFindings(ControlClient instance, boolean vpnActive) {
        if (instance == null) {
            return List.of();
        }
        List<AuditReport.ContainerFindings> groups = new ArrayList<>();
        instance.call(new ControlRequest.ListServices()).forEach(node -> {
            ServiceView s = Output.service(node);
            ListenerFinding.check(s.name(), s.command(), s.port(), s.exposure(), vpnActive)
                    .ifPresent(f -> groups.add(new AuditReport.ContainerFindings(f.container(), List.of(f))));
        });
        return groups;
    }

    private int images(PrintWriter out) {
        if (host || container != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--images excludes --host and --container");
        }
        SignaturePolicy policy;
        try {
            policy = new SignaturePolicy(cosignKey, cosignIdentity, cosignIssuer);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Tools tools = Tools.fromEnvironment();
        Duration limit = Duration.ofMinutes(10);
        ImageAudit audit = new ImageAudit(new SignatureCheck(tools, policy, Duration.ofMinutes(2)),
                new SbomStore(Instance.home().sboms(), tools, limit), new Scanners(tools.path(), limit));
        try (DockerGateway docker = Instance.engine()) {
            AuditReport report = audit.audit(ImageSubjects.running(docker));
            if (json) {
                Output.json(out, new JsonReport(report.containers(), report.exitCode(), List.of()));
            } else if (report.containers().isEmpty()) {
                out.println("No running containers: no images to audit.");
            } else {
                ReportText.print(report, out);
            }
            return report.exitCode();
        } catch (DockerEngineException e) {
            throw new CliException(e.getMessage() + " (is dockerd running, and may this user use its socket?)");
        }
    }

    private int scan(PrintWriter out) {
        Scanners scanners = Scanners.fromEnvironment();
        Optional<Scanner> scanner = scanners.installed();
        if (scanner.isEmpty()) {
            throw new CliException(Scanners.noneInstalledMessage());
        }
        ScanSummary summary;
        try {
            summary = scanners.scan(scanner.get(), scanImage);
        } catch (IllegalStateException e) {
            throw new CliException(e.getMessage());
        }
        if (json) {
            Output.json(out, summary);
        } else {
            out.println(summary.line());
        }
        return 0;
    }

    /** {@code host}: the facts the host audit looked at, one line each (empty with --container). */
    record JsonReport(List<AuditReport.ContainerFindings> containers, int exitCode, List<String> host) {}
}
