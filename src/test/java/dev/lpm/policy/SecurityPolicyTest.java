package dev.lpm.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import dev.lpm.core.VpnStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecurityPolicyTest {

    static final VpnStatus VPN = new VpnStatus(true, List.of("tun0"), List.of(), "tun0",
            List.of("tun0 is up with 10.8.0.2 and carries the public route"), List.of());
    static final VpnStatus NO_VPN = new VpnStatus(false, List.of(), List.of(), "eth0", List.of("no tunnel"), List.of());
    private static final ServiceFlags BYPASS = new ServiceFlags(true, false, false);
    private static final String DOCKER = "docker run -p {port}:80 nginx";

    private final SecurityPolicy policy = new SecurityPolicy();

    private static ServiceSpec spec(String name, String command, ServiceFlags flags) {
        return new ServiceSpec(ServiceName.of(name), command, 4000, flags, null, null, Instant.EPOCH, true);
    }

    private Decision decide(String command, ServiceFlags flags, VpnStatus vpn, boolean killSwitch) {
        return policy.decide(spec("app", command, flags), vpn, killSwitch);
    }

    @Test
    void vpnAndKillSwitchBlockADockerServiceThatPublishesPortsWithTheSeedMessage() {
        assertThat(decide(DOCKER, ServiceFlags.NONE, VPN, true)).isEqualTo(new Decision.Block(
                "SECURITY BLOCK: Service 'app' — Docker containers with exposed ports are BLOCKED when VPN is active. "
                        + "Reason: MITM attack risk through VPN tunnel manipulation."));
        assertThat(policy.decide(spec("grafana", DOCKER, null), VPN, true))
                .isEqualTo(new Decision.Block(SecurityPolicy.blockMessage(ServiceName.of("grafana"))))
                .extracting(Decision::commandToRun).isNull();
    }

    @Test
    void loopbackPublicationsAreBlockedToo() {
        assertThat(decide("docker run -p 127.0.0.1:{port}:80 nginx", ServiceFlags.NONE, VPN, true))
                .isInstanceOf(Decision.Block.class);
    }

    /** Without a block, the same service is rewritten to loopback (rendered with its port). */
    @ParameterizedTest(name = "vpn={0} killSwitch={1} bypass={2}")
    @CsvSource({"false,true,false", "false,false,false", "true,false,false", "true,true,true", "false,true,true"})
    void otherwiseDockerIsRewrittenToLoopback(boolean vpnActive, boolean killSwitch, boolean bypass) {
        Decision decision = decide(DOCKER, bypass ? BYPASS : ServiceFlags.NONE, vpnActive ? VPN : NO_VPN, killSwitch);
        assertThat(decision).isInstanceOf(Decision.Rewrite.class);
        Decision.Rewrite rewrite = (Decision.Rewrite) decision;
        assertThat(rewrite.originalCommand()).isEqualTo("docker run -p 4000:80 nginx");
        // A bypassed service's container is labelled so the container guard and the API guard let it be.
        // Every container carries its service's label (lpm stops what outlives a stopped client).
        String expected = bypass
                ? "docker run --label dev.lpm.kill-switch=bypass --label dev.lpm.service=app -p 127.0.0.1:4000:80 nginx"
                : "docker run --label dev.lpm.service=app -p 127.0.0.1:4000:80 nginx";
        assertThat(rewrite.rewrittenCommand()).isEqualTo(expected);
        assertThat(rewrite.changes().getFirst()).startsWith("-p {port}:80 -> -p 127.0.0.1:{port}:80");
        assertThat(rewrite.changes()).hasSize(2);
        assertThat(decision.commandToRun()).isEqualTo(expected);
    }

    @Test
    void templatesKeepThePlaceholder() {
        Decision decision = policy.decide(ServiceName.of("app"), DOCKER, ServiceFlags.NONE, NO_VPN, true);
        assertThat(decision.commandToRun()).isEqualTo("docker run --label dev.lpm.service=app -p 127.0.0.1:{port}:80 nginx");
    }

    @ParameterizedTest(name = "vpn={0}")
    @CsvSource({"true", "false"})
    void nonDockerCommandsAreAlwaysAllowedAsTheyAre(boolean vpnActive) {
        assertThat(decide("python3 -m http.server {port}", ServiceFlags.NONE, vpnActive ? VPN : NO_VPN, true))
                .isEqualTo(new Decision.Allow("python3 -m http.server 4000", List.of()));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "python3 -m http.server {port}                        | false",
            "npm run dev -- --port {port}                         | false",
            "echo 'docker run -p 80:80 x' && node server.js      | false",
            "docker run -p {port}:80 nginx                        | true",
            "docker compose up                                    | true",
            "cd web && docker start -a web                        | true",
            "sudo docker run -p {port}:80 nginx                   | true",
            "node 'unterminated                                  | true"})
    void aCommandRunsContainersWhenItUsesTheContainerCliAnywhereOrCannotBeRead(String command, boolean containers) {
        assertThat(policy.runsContainers(command)).isEqualTo(containers);
    }

    @Test
    void dockerWithoutPublishedPortsRunsEvenUnderVpn() {
        assertThat(decide("docker run --rm nginx", ServiceFlags.NONE, VPN, true).commandToRun())
                .isEqualTo("docker run --label dev.lpm.service=app --rm nginx");
    }

    @Test
    void alreadyLoopbackKeepsItsPortsAndOnlyGetsTheServiceLabel() {
        Decision decision = decide("docker run -p 127.0.0.1:{port}:80 nginx", ServiceFlags.NONE, NO_VPN, true);
        assertThat(decision.commandToRun()).isEqualTo("docker run --label dev.lpm.service=app -p 127.0.0.1:4000:80 nginx");
        assertThat(((Decision.Rewrite) decision).changes()).singleElement().asString().startsWith("labelled");
    }

    @ParameterizedTest(name = "vpn={0} bypass={1}")
    @CsvSource({"true,false", "true,true", "false,false"})
    void hostNetworkIsRefusedWhateverTheVpn(boolean vpnActive, boolean bypass) {
        Decision decision = decide("docker run --network host nginx", bypass ? BYPASS : ServiceFlags.NONE,
                vpnActive ? VPN : NO_VPN, true);
        assertThat(decision).isInstanceOf(Decision.Refuse.class);
        assertThat(((Decision.Refuse) decision).reason()).contains("shares the host's network stack")
                .contains("-p {port}:CONTAINERPORT");
    }

    @Test
    void publishAllAndBrokenQuotingAreRefused() {
        assertThat(decide("docker run -P nginx", ServiceFlags.NONE, NO_VPN, false)).isInstanceOf(Decision.Refuse.class);
        assertThat(decide("docker run -p '80:80 nginx", ServiceFlags.NONE, NO_VPN, false))
                .isEqualTo(new Decision.Refuse("the command is not valid sh: unterminated single quote at position 14: "
                        + "docker run -p '80:80 nginx"));
    }

    @Test
    void composeRunsUnchangedWithANote() {
        Decision decision = decide("docker compose up", ServiceFlags.NONE, VPN, true);
        assertThat(decision).isInstanceOf(Decision.Allow.class);
        assertThat(((Decision.Allow) decision).notes()).singleElement().asString().contains("compose");
    }

    @Test
    void containerNetworkNoteTravelsWithTheDecision() {
        Decision decision = decide("docker run --network container:db -p 1:1 x", ServiceFlags.NONE, NO_VPN, true);
        assertThat(((Decision.Rewrite) decision).notes()).singleElement().asString().contains("container:db");
    }

    @Test
    void anAliasHasNothingToDecide() {
        ServiceSpec alias = new ServiceSpec(ServiceName.of("a"), null, 4000, null, null, null, Instant.EPOCH, false);
        assertThat(policy.decide(alias, VPN, true)).isEqualTo(new Decision.Allow(null, List.of()));
    }
}
