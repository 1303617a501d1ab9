package dev.lpm.cli;

import dev.lpm.config.LpmHome;
import dev.lpm.control.ControlClient;
import dev.lpm.control.ControlRequest;
import dev.lpm.control.EnforcementView;
import dev.lpm.control.SecurityView;
import dev.lpm.control.ServiceView;
import dev.lpm.control.StatusView;
import dev.lpm.docker.engine.DockerGateway;
import dev.lpm.platform.FirstRunCheck;
import dev.lpm.platform.FirstRunChecks;
import dev.lpm.process.LeftoverProcesses;
import dev.lpm.process.RunJournal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The checks of {@code lpm doctor}, each from the part that knows the fact: the instance's own status and
 * security views, FirstRunChecks for name resolution and the Docker socket, the engine itself, the run
 * journal for processes a crashed instance left. Never starts an instance: a doctor that starts what it
 * examines hides the problem.
 */
final class DoctorChecks {

    private final LpmHome home;
    private final ControlClient client;
    private final FirstRunChecks system;

    /** {@code client} null when no instance runs. */
    DoctorChecks(LpmHome home, ControlClient client, FirstRunChecks system) {
        this.home = home;
        this.client = client;
        this.system = system;
    }

    List<DoctorCheck> run() {
        List<DoctorCheck> checks = new ArrayList<>();
        StatusView status = client == null ? null : Output.convert(client.call(new ControlRequest.Status()), StatusView.class);
        checks.add(instance(status));
        checks.add(proxy(status));
        List<ServiceView> services = new ArrayList<>();
        if (client != null) {
            client.call(new ControlRequest.ListServices()).forEach(node -> services.add(Output.service(node)));
        }
        checks.add(resolution("*.localhost in Java", system::javaResolver, services));
        checks.add(resolution("*.localhost for other tools", system::systemResolver, services));
        checks.add(certificateAuthority());
        SecurityView security = client == null ? null
                : Output.convert(client.call(new ControlRequest.Security()), SecurityView.class);
        checks.addAll(docker());
        checks.add(enforcement(security));
        checks.add(vpn(security));
        checks.add(orphans(status));
        return checks;
    }

    /**
     * lpm trust --status in one line: a warning while some place does not trust the CA (http:// works; https://
     * shows a certificate warning there), a failure when the CA cannot be used (https:// is off).
     */
    private DoctorCheck certificateAuthority() {
        String name = "HTTPS certificate authority";
        dev.lpm.trust.TrustReport report;
        try {
            dev.lpm.trust.CaCertificate ca = dev.lpm.trust.CaCertificate.of(dev.lpm.tls.CaStore.open(home.dir()));
            report = dev.lpm.trust.Trust.of(dev.lpm.trust.TrustSettings.forThisProcess(java.util.Set.of(), List.of(), null))
                    .status(ca);
        } catch (dev.lpm.tls.CaUnusableException e) {
            return DoctorCheck.fail(name, e.getMessage(), "see the message: it says how to make a new CA");
        } catch (dev.lpm.trust.TrustException e) {
            return DoctorCheck.warn(name, e.getMessage(), "lpm trust --status says more");
        }
        if (report.trustedEverywhere()) {
            return DoctorCheck.ok(name, report.commonName() + " is trusted in every place lpm trust covers");
        }
        List<String> gaps = report.places().stream()
                .filter(p -> p.state() == dev.lpm.trust.TrustState.MISSING || p.state() == dev.lpm.trust.TrustState.UNAVAILABLE)
                .map(p -> p.place() + ": " + p.message()).toList();
        return DoctorCheck.warn(name, "https:// pages show a certificate warning where the CA is not trusted: "
                + String.join("; ", gaps), "lpm trust (lpm trust --status lists each place with its own fix)");
    }

    private DoctorCheck instance(StatusView status) {
        if (status == null) {
            return DoctorCheck.fail("instance", "no lpm instance runs for " + home.dir(),
                    "start it: lpm (desktop app) or lpm daemon (headless); lpm autostart on starts it at login");
        }
        // The instance's own problems are about parts that have a check of their own below (helper, rules,
        // Docker), or one-time reports (a state file moved aside): the instance itself is fine.
        List<String> problems = status.problems() == null ? List.of() : status.problems();
        return DoctorCheck.ok("instance", "running (pid " + status.pid() + ", version " + status.version() + ")"
                + (problems.isEmpty() ? "" : "; it reports " + problems.size() + " problem(s): lpm status lists them,"
                + " the checks below cover the parts they concern"));
    }

    private DoctorCheck proxy(StatusView status) {
        String name = "proxy port";
        if (status == null) {
            return DoctorCheck.fail(name, "not checked: no instance, so no proxy", "start the instance (see above)");
        }
        int port = status.proxy().port();
        // The proxy answers any request with a page of its own; any HTTP answer proves the port is lpm's and alive.
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return DoctorCheck.ok(name, "the proxy answers on 127.0.0.1:" + port + " (HTTP " + response.statusCode() + ")");
        } catch (IOException e) {
            return DoctorCheck.fail(name, "nothing answers HTTP on 127.0.0.1:" + port + " (" + e + ")",
                    "see the instance's log " + home.daemonLog() + "; restarting the instance rebinds the port");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DoctorCheck.fail(name, "interrupted", "");
        }
    }

    /**
     * Whether names reach loopback: first any {@code *.localhost} name (what nss-myhostname or systemd-resolved
     * give); where they do not, each registered service's own name (what the hosts block of lpm hosts sync gives).
     */
    private static DoctorCheck resolution(String name, Function<String, FirstRunCheck> resolve, List<ServiceView> services) {
        FirstRunCheck any = resolve.apply("lpm-check.localhost");
        if (any.ok()) {
            return DoctorCheck.ok(name, any.message());
        }
        List<String> unresolved = services.stream().map(s -> s.name() + ".localhost")
                .filter(host -> !resolve.apply(host).ok()).toList();
        if (services.isEmpty() || !unresolved.isEmpty()) {
            String which = services.isEmpty() ? any.message() : String.join(", ", unresolved) + " do(es) not resolve";
            return DoctorCheck.fail(name, which + "; browsers resolve *.localhost themselves, other clients do not",
                    any.fix());
        }
        return DoctorCheck.warn(name, "*.localhost names do not resolve by themselves, but every registered service's"
                + " name does (the hosts file)", "after registering more services run: sudo lpm hosts sync; or "
                + "install libnss-myhostname so every *.localhost name resolves");
    }

    private List<DoctorCheck> docker() {
        String engineHost = Instance.settings().engineHost();
        String host;
        try (DockerGateway engine = DockerGateway.open(engineHost)) {
            host = engine.dockerHost();
            FirstRunCheck socket = new FirstRunChecks(Map.of("DOCKER_HOST", host)).docker();
            DoctorCheck socketCheck = socket.ok() ? DoctorCheck.ok("Docker socket", socket.message())
                    : DoctorCheck.fail("Docker socket", socket.message(), socket.fix());
            try {
                String version = engine.engineVersion();
                return List.of(DoctorCheck.ok("Docker engine", "Docker " + version + " answers at " + host), socketCheck);
            } catch (RuntimeException e) { // DockerEngineException, or what docker-java throws
                return List.of(DoctorCheck.fail("Docker engine", "the engine at " + host + " does not answer: "
                        + e.getMessage(), (engineHost != null ? "fix engineHost in " + home.settings() + " or " : "")
                        + "start Docker (sudo systemctl start docker); without Docker, lpm runs only native services"),
                        socketCheck);
            }
        }
    }

    private static DoctorCheck enforcement(SecurityView security) {
        String name = "enforcement";
        if (security == null) {
            return DoctorCheck.warn(name, "not checked: no instance", "start the instance");
        }
        EnforcementView e = security.enforcement();
        if (!e.helper().equals("connected")) {
            return DoctorCheck.warn(name, "the root helper is " + e.helper() + (e.helperDetail() == null ? ""
                    : " (" + e.helperDetail() + ")") + ": lpm cannot close its ports to other machines",
                    e.fix() == null ? "install the lpm package, which installs and enables lpm-helper" : e.fix());
        }
        List<String> gaps = e.gaps();
        if (!gaps.isEmpty()) {
            return DoctorCheck.fail(name, String.join("; ", gaps), "see lpm security; the helper's log: journalctl -u lpm-helper");
        }
        return DoctorCheck.ok(name, "the root helper is connected; ports " + e.portRange() + " " + e.nativePorts()
                + ", lockdown " + e.lockdown() + ", loopback guard " + e.loopbackGuard());
    }

    private static DoctorCheck vpn(SecurityView security) {
        String name = "VPN";
        if (security == null) {
            return DoctorCheck.warn(name, "not checked: no instance", "start the instance");
        }
        if (!security.vpn().active()) {
            return DoctorCheck.ok(name, "no VPN is up; kill switch " + security.killSwitch());
        }
        String where = "VPN up (" + String.join(", ", security.vpn().interfaces()) + ")";
        return security.killSwitch().equals("enabled")
                ? DoctorCheck.ok(name, where + "; the kill switch blocks Docker services that publish ports")
                : DoctorCheck.warn(name, where + " and the kill switch is disabled: published Docker ports are reachable"
                        + " from the VPN's network", "lpm kill-switch on");
    }

    private DoctorCheck orphans(StatusView status) {
        String name = "orphans";
        if (status != null) {
            List<String> recovered = status.recovered() == null ? List.of() : status.recovered();
            return DoctorCheck.ok(name, recovered.isEmpty() ? "none"
                    : "none left: at its start the instance stopped what a crashed one left (" + String.join("; ", recovered) + ")");
        }
        List<RunJournal.Entry> left = LeftoverProcesses.stillRunning(new RunJournal(home.runJournal()).leftBehind());
        if (left.isEmpty()) {
            return DoctorCheck.ok(name, "none");
        }
        return DoctorCheck.fail(name, left.size() + " service process(es) of a crashed instance still run: "
                + String.join(", ", left.stream().map(e -> e.service() + " (pid " + e.pid() + ")").toList()),
                "start the instance (lpm daemon, or any command such as lpm list): it stops them, with their containers");
    }
}
