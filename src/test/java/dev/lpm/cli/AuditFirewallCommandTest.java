package dev.lpm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.audit.firewall.DockerUserRules;
import dev.lpm.audit.firewall.FilteredPort;
import dev.lpm.storage.Json;
import dev.lpm.testsupport.Requirements;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code lpm audit} and {@code lpm firewall} run in-process, as the CLI will once they are registered. */
class AuditFirewallCommandTest {

    record Run(int exit, String out, String err) {}

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LpmCommand.commandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void firewallPrintsTheDockerUserRulesForTheGivenPortsAndAppliesNothing() {
        Run r = run(new FirewallCommand(), "--port", "8080", "--port", "5353/udp");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(DockerUserRules.iptables(
                List.of(FilteredPort.parse("8080"), FilteredPort.parse("5353/udp"))).script());
        assertThat(r.err()).doesNotContain("applied");
    }

    @Test
    void firewallNftAndKillSwitch() {
        Run r = run(new FirewallCommand(), "--nft", "--port", "3000", "--kill-switch", "--tunnel", "wg0",
                "--vpn-endpoint", "203.0.113.9:51820");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("nft add rule ip filter LPM-DOCKER meta l4proto tcp ct original proto-dst 3000")
                .contains("WARNING: this drops ALL traffic that does not go through wg0")
                .contains("iptables -A LPM-KILLSWITCH-OUT -d 203.0.113.9 -p udp --dport 51820 -j RETURN");
    }

    @Test
    void firewallRefusesBadPortsAndBothBackends() {
        Run bad = run(new FirewallCommand(), "--port", "eighty");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("lpm: not a port: 'eighty'");
        assertThat(run(new FirewallCommand(), "--iptables", "--nft").exit()).isEqualTo(2);
    }

    @Test
    void auditExitsWith3OnHighFindingsAnd0OnAHardenedContainer() throws Exception {
        Requirements.requireDockerEngine();
        List<String> names = new ArrayList<>();
        try {
            String exposed = start(names, "cliexposed", "-p", "80");
            String hardened = start(names, "clihardened", "--user", "65534", "--read-only", "--cap-drop", "ALL",
                    "--security-opt", "no-new-privileges", "--memory", "32m", "--pids-limit", "32",
                    "--health-cmd", "true", "--health-interval", "60s",
                    // Logs sent off the host (GELF over UDP needs no listener to start; this one goes to loopback).
                    "--log-driver", "gelf", "--log-opt", "gelf-address=udp://127.0.0.1:12201");

            Run risky = run(new AuditCommand(), "--container", exposed, "--json");
            assertThat(risky.exit()).as(risky.err()).isEqualTo(3);
            JsonNode json = Json.mapper().readTree(risky.out());
            assertThat(json.path("exitCode").asInt()).isEqualTo(3);
            assertThat(json.path("containers").get(0).path("container").asText()).isEqualTo(exposed);
            assertThat(json.path("containers").get(0).path("findings").get(0).path("id").asText())
                    .isEqualTo("port-on-all-interfaces");

            // With a VPN up the same container is critical: KillSwitchIT shows that with a real tun device.

            Run clean = run(new AuditCommand(), "--container", hardened);
            assertThat(clean.exit()).as(clean.out() + clean.err()).isZero();
            assertThat(clean.out()).contains(hardened + ": no findings").contains("Nothing high or critical.");

            Run missing = run(new AuditCommand(), "--container", "lpmtest-6-none");
            assertThat(missing.exit()).isEqualTo(1);
            assertThat(missing.err()).contains("no container named 'lpmtest-6-none'");
        } finally {
            if (!names.isEmpty()) {
                List<String> rm = new ArrayList<>(List.of("docker", "rm", "-f"));
                rm.addAll(names);
                new ProcessBuilder(rm).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start().waitFor(60, TimeUnit.SECONDS);
            }
        }
    }

    private static String start(List<String> names, String purpose, String... options) throws Exception {
        String name = "lpmtest-6-" + purpose + "-" + ProcessHandle.current().pid();
        names.add(name);
        List<String> command = new ArrayList<>(List.of("docker", "run", "-d", "--name", name));
        command.addAll(List.of(options));
        command.addAll(List.of("lpm/busybox:test", "sleep", "3600"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        return name;
    }
}
