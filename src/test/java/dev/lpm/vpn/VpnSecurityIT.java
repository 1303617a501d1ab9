package dev.lpm.vpn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.Requirements;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged daemon runs inside a network namespace of the test's own; the CLI, outside, talks to
 * it over the control socket (a file, so it crosses network namespaces) and watches `lpm security`
 * follow a real tun device up and down.
 */
class VpnSecurityIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @BeforeEach
    void requirements() {
        Requirements.requireTunDevices();
    }

    @Test
    void securityFlipsToActiveWithTheReasonAndBack() throws Exception {
        try (TestNamespace ns = TestNamespace.withUplink(); LpmCli lpm = new LpmCli(home)) {
            Process daemon = lpm.startDaemon(home.resolve("daemon-out.log"), List.of("ip", "netns", "exec", ns.name));
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> lpm.run("status").exit() == 0);
                JsonNode before = security(lpm);
                assertThat(before.get("active").asBoolean()).isFalse();
                assertThat(before.get("routeInterface").asText()).isEqualTo("lpmtest-up0");
                assertThat(lpm.run("security").out()).contains("VPN Active:       NO");

                TunHolder client = ns.tun("tun0");
                ns.ip("addr", "add", "10.8.0.2/24", "dev", "tun0");
                ns.ip("link", "set", "tun0", "up");
                ns.ip("route", "add", "0.0.0.0/1", "dev", "tun0");
                ns.ip("route", "add", "128.0.0.0/1", "dev", "tun0");
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThat(security(lpm).get("active").asBoolean()).isTrue());
                JsonNode during = security(lpm);
                assertThat(during.get("interfaces").toString()).contains("tun0");
                assertThat(during.get("routeInterface").asText()).isEqualTo("tun0");
                assertThat(during.get("reasons").toString()).contains("tun0").contains("10.8.0.2");
                LpmCli.Result text = lpm.run("security");
                assertThat(text.out()).contains("VPN Active:       YES").contains("VPN Interfaces:   tun0");

                client.close();
                ns.ip("link", "del", "tun0");
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                        assertThat(security(lpm).get("active").asBoolean()).isFalse());
                assertThat(security(lpm).get("routeInterface").asText()).isEqualTo("lpmtest-up0");
            } finally {
                daemon.destroy();
                daemon.onExit().get();
            }
        }
    }

    private static JsonNode security(LpmCli lpm) throws Exception {
        LpmCli.Result result = lpm.run("security", "--json");
        assertThat(result.exit()).as(result.toString()).isZero();
        return JSON.readTree(result.out()).get("vpn");
    }
}
