package dev.lpm.policy;

import static dev.lpm.policy.SecurityPolicyTest.NO_VPN;
import static dev.lpm.policy.SecurityPolicyTest.VPN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import dev.lpm.core.VpnStatus;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** podman and nerdctl services get docker's decisions: rewrite, refusals, the kill switch and its bypass. */
class PodmanAndNerdctlPolicyTest {

    private static final ServiceFlags BYPASS = new ServiceFlags(true, false, false);
    private static final ServiceFlags ISOLATED = new ServiceFlags(false, true, false);

    private final SecurityPolicy policy = new SecurityPolicy();

    private Decision decide(String command, ServiceFlags flags, VpnStatus vpn) {
        return policy.decide(new ServiceSpec(ServiceName.of("app"), command, 4000, flags, null, null, Instant.EPOCH,
                true), vpn, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"podman", "podman-remote", "nerdctl"})
    void withoutAVpnThePortsAreBoundToLoopbackAndTheContainerLabelled(String tool) {
        Decision decision = decide(tool + " run -p {port}:80 nginx", ServiceFlags.NONE, NO_VPN);
        assertThat(decision).isInstanceOf(Decision.Rewrite.class);
        assertThat(decision.commandToRun())
                .isEqualTo(tool + " run --label dev.lpm.service=app -p 127.0.0.1:4000:80 nginx");
        assertThat(((Decision.Rewrite) decision).changes().getFirst())
                .startsWith("-p {port}:80 -> -p 127.0.0.1:{port}:80 (" + tool + " would listen on");
    }

    @ParameterizedTest
    @ValueSource(strings = {"podman run -p {port}:80 nginx", "podman --remote run -p 127.0.0.1:{port}:80 nginx",
        "nerdctl --namespace k8s.io run -p {port}:80 nginx", "nerdctl container create -p {port}:80 nginx"})
    void aVpnWithTheKillSwitchBlocksThemWithTheSameMessage(String command) {
        assertThat(decide(command, ServiceFlags.NONE, VPN))
                .isEqualTo(new Decision.Block(SecurityPolicy.blockMessage(ServiceName.of("app"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"podman", "nerdctl"})
    void noKillSwitchLetsThemRunUnderAVpnStillOnLoopbackAndLabelledForTheGuards(String tool) {
        Decision decision = decide(tool + " run -p {port}:80 nginx", BYPASS, VPN);
        assertThat(decision.commandToRun()).isEqualTo(tool + " run --label dev.lpm.kill-switch=bypass "
                + "--label dev.lpm.service=app -p 127.0.0.1:4000:80 nginx");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "podman run --network host nginx          | podman --network host shares the host's network stack",
        "nerdctl run --net=host nginx             | nerdctl --network host shares the host's network stack",
        "podman run --network ns:/proc/1/ns/net x | may be the host's",
        "podman run -P nginx                      | podman -P/--publish-all publishes every port",
        "nerdctl run --publish-all nginx          | nerdctl -P/--publish-all publishes every port",
        "podman run -p 1:1,2:2 nginx              | as a comma-separated list",
        "sudo podman run -p {port}:80 nginx       | podman started through `sudo` cannot be checked by lpm"})
    void whatDockerWouldBeRefusedForIsRefusedWhateverTheVpnOrBypass(String command, String reason) {
        for (VpnStatus vpn : new VpnStatus[] {VPN, NO_VPN}) {
            for (ServiceFlags flags : new ServiceFlags[] {ServiceFlags.NONE, BYPASS}) {
                Decision decision = decide(command.strip(), flags, vpn);
                assertThat(decision).isInstanceOf(Decision.Refuse.class);
                assertThat(((Decision.Refuse) decision).reason()).contains(reason.strip());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"podman run -p {port}:80 img", "nerdctl run -p {port}:80 img"})
    void isolatedModeIsRefusedWithTheWayOut(String command) {
        Decision decision = decide(command, ISOLATED, NO_VPN);
        assertThat(decision).isInstanceOf(Decision.Refuse.class);
        assertThat(((Decision.Refuse) decision).reason()).contains("--isolated works with docker only")
                .contains(command.split(" ")[0] + " does not create its containers there")
                .contains("register it without --isolated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"podman compose up", "nerdctl compose up"})
    void composeRunsUnchangedWithANote(String command) {
        Decision decision = decide(command, ServiceFlags.NONE, VPN);
        assertThat(decision).isInstanceOf(Decision.Allow.class);
        assertThat(((Decision.Allow) decision).notes()).singleElement().asString().contains("compose");
    }
}
