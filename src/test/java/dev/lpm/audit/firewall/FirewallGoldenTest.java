package dev.lpm.audit.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The printed scripts, compared with reviewed golden files in src/test/resources. After a deliberate
 * change, regenerate with {@code -Dlpm.golden.update=true}, review the diff, and commit it.
 */
class FirewallGoldenTest {

    private static final Path DIR = Path.of("src/test/resources/dev/lpm/audit/firewall");

    @Test
    void iptablesForTwoPorts() throws IOException {
        golden("docker-user-iptables.sh", DockerUserRules.iptables(
                List.of(FilteredPort.parse("8080"), FilteredPort.parse("5353/udp"), FilteredPort.parse("3000/tcp"))));
    }

    @Test
    void iptablesWithoutPortsDropsEveryPublishedPort() throws IOException {
        golden("docker-user-iptables-all.sh", DockerUserRules.iptables(List.of()));
    }

    @Test
    void nftForTwoPorts() throws IOException {
        golden("docker-user-nft.sh", DockerUserRules.nft(List.of(FilteredPort.parse("8080"), FilteredPort.parse("3000"))));
    }

    @Test
    void killSwitch() throws IOException {
        golden("killswitch-iptables.sh", KillSwitchRules.iptables("tun0", List.of("203.0.113.5:1194/udp",
                "[2001:db8::5]:51820")));
    }

    @Test
    void theDockerUserRulesMatchTheOriginalPortNeverInput() {
        FirewallPlan plan = DockerUserRules.iptables(List.of(FilteredPort.parse("8080")));
        assertThat(plan.steps()).noneMatch(s -> s.argv().contains("INPUT"));
        assertThat(plan.script()).contains("--ctorigdstport 8080 --ctdir ORIGINAL -j DROP")
                .contains("-I DOCKER-USER 1 -j LPM-DOCKER");
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> FilteredPort.parse("http")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FilteredPort.parse("70000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KillSwitchRules.iptables("tun0; rm -rf /", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KillSwitchRules.iptables("tun0", List.of("vpn.example.com:1194")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void argumentsWithShellCharactersAreQuoted() {
        assertThat(FirewallStep.quote("br-*")).isEqualTo("'br-*'");
        assertThat(FirewallStep.quote("!")).isEqualTo("'!'");
        assertThat(FirewallStep.quote("ESTABLISHED,RELATED")).isEqualTo("ESTABLISHED,RELATED");
    }

    private static void golden(String file, FirewallPlan plan) throws IOException {
        Path path = DIR.resolve(file);
        if (Boolean.getBoolean("lpm.golden.update")) {
            Files.writeString(path, plan.script(), StandardCharsets.UTF_8);
        }
        assertThat(plan.script()).isEqualTo(Files.readString(path, StandardCharsets.UTF_8));
    }
}
