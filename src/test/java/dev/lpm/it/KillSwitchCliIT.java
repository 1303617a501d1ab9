package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.testsupport.EngineNamespace;
import dev.lpm.testsupport.HostTun;
import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.Requirements;
import dev.lpm.testsupport.UserInstance;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a headless user does about a block, only with the CLI: a VPN comes up (a real tun device), the kill
 * switch stops a container that publishes a port, {@code lpm blocked --json} lists it, {@code lpm resume}
 * is refused while it would be stopped again, {@code lpm kill-switch off} lets it be resumed and lets a
 * Docker service start, and {@code lpm kill-switch on} stops the container again and blocks the next one. The instance runs as a normal
 * user in the docker group, on a machine of its own (a network namespace with its own dockerd), so the VPN
 * stops nothing on the host's engine.
 */
class KillSwitchCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE = "lpm/busybox:test";
    private static final String HAND = "lpmtest-ksc-hand";
    private static final String WEB = "docker run --rm --name lpmtest-ksc-web-{port} -p {port}:80 " + IMAGE
            + " httpd -f -p 80 -h /www";

    private EngineNamespace machine;
    private UserInstance lpm;

    @BeforeEach
    void setUp() throws Exception {
        Requirements.requireTunDevices();
        Requirements.requireCommand("curl", "curl");
        KillSwitchIT.ensureTestImage();
        machine = EngineNamespace.start();
        lpm = UserInstance.create("lpmtest-ksc");
        lpm.startDaemon(machine.machine().enter(), Map.of("DOCKER_HOST", machine.dockerHost()));
    }

    @AfterEach
    void tearDown() {
        try {
            if (lpm != null) {
                lpm.close();
            }
        } finally {
            if (machine != null) {
                machine.close(); // its containers, its engine, the namespace and the tun in it
            }
        }
    }

    @Test
    void aBlockIsListedRefusedThenResumedWithTheKillSwitchOffAndEnforcedAgainWhenOn() throws Exception {
        int handPort = 8741;
        docker("run", "-d", "--name", HAND, "-p", handPort + ":80", IMAGE, "httpd", "-f", "-p", "80", "-h", "/www");
        assertThat(running(HAND)).isTrue();
        assertThat(json("blocked", "--json")).isEmpty();
        assertThat(json("kill-switch", "status", "--json").get("killSwitch").asText()).isEqualTo("enabled");

        try (HostTun vpn = HostTun.up(machine.machine().enter(), "tun84", "10.213.84.2/24")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> json("security", "--json").path("vpn").path("active").asBoolean());
            await().atMost(Duration.ofSeconds(20)).until(() -> !running(HAND));

            JsonNode blocked = json("blocked", "--json");
            assertThat(blocked).hasSize(1);
            JsonNode hand = blocked.get(0);
            assertThat(hand.get("name").asText()).isEqualTo(HAND);
            assertThat(hand.get("image").asText()).isEqualTo(IMAGE);
            assertThat(hand.get("id").asText()).isEqualTo(docker("inspect", "-f", "{{.Id}}", HAND).strip());
            assertThat(hand.get("ports").toString()).contains(":" + handPort);
            assertThat(hand.get("reason").asText()).isNotBlank();
            assertThat(hand.get("at").asText()).isNotBlank();
            assertThat(lpm.cli().run("blocked").out()).contains(HAND).contains(IMAGE).contains("NAME");

            // While the VPN is up and the kill switch on, a resume would be undone at once: refused, and why.
            LpmCli.Result refused = lpm.cli().run("resume", HAND);
            assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).contains("a VPN is up and the kill switch is on");
            assertThat(running(HAND)).isFalse();
            LpmCli.Result unknown = lpm.cli().run("resume", "lpmtest-nothing");
            assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(1);
            assertThat(unknown.err()).contains("no blocked container is named lpmtest-nothing");

            LpmCli.Result off = lpm.cli().run("kill-switch", "off");
            assertThat(off.exit()).as(off.toString()).isZero();
            assertThat(off.out().strip()).isEqualTo("Kill switch: disabled");
            assertThat(json("kill-switch", "--json").get("killSwitch").asText()).isEqualTo("disabled");
            assertThat(json("settings", "--json").get("killSwitch").asBoolean()).isFalse();

            // Resumed by an id prefix, as `lpm blocked` prints it: running and answering again, and no longer listed.
            LpmCli.Result resumed = lpm.cli().run("resume", hand.get("id").asText().substring(0, 12));
            assertThat(resumed.exit()).as(resumed.toString()).isZero();
            assertThat(resumed.out()).contains("Resumed " + HAND + " (" + IMAGE + ")");
            await().atMost(Duration.ofSeconds(20)).until(() -> running(HAND));
            await().atMost(Duration.ofSeconds(20)).until(() -> machine.machine()
                    .exec("curl", "-sf", "http://127.0.0.1:" + handPort + "/").output().contains("hello from lpm"));
            assertThat(json("blocked", "--json")).isEmpty();

            // A Docker service publishing a port starts while the VPN is up, because the switch is off.
            LpmCli.Result web = lpm.cli().run("register", "lpmtest-web", WEB);
            assertThat(web.exit()).as(web.toString()).isZero();
            assertThat(service("lpmtest-web").get("state").asText()).isEqualTo("running");

            // On again: the container is stopped and offered for resume again, and a new Docker service is blocked.
            LpmCli.Result on = lpm.cli().run("kill-switch", "on");
            assertThat(on.exit()).as(on.toString()).isZero();
            assertThat(on.out().strip()).isEqualTo("Kill switch: enabled");
            await().atMost(Duration.ofSeconds(30)).until(() -> !running(HAND));
            assertThat(names(json("blocked", "--json"))).containsExactly(HAND);
            LpmCli.Result web2 = lpm.cli().run("register", "lpmtest-web2", WEB.replace("ksc-web-", "ksc-web2-"));
            assertThat(web2.exit()).as(web2.toString()).isEqualTo(1);
            assertThat(web2.err()).contains("SECURITY BLOCK: Service 'lpmtest-web2'");
            assertThat(service("lpmtest-web2").get("state").asText()).isEqualTo("blocked");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !json("security", "--json").path("vpn").path("active").asBoolean());
    }

    private JsonNode json(String... args) throws IOException {
        LpmCli.Result result = lpm.cli().run(args);
        assertThat(result.exit()).as(result.toString()).isZero();
        return JSON.readTree(result.out());
    }

    private JsonNode service(String name) throws IOException {
        for (JsonNode node : json("list", "--json")) {
            if (node.get("name").asText().equals(name)) {
                return node;
            }
        }
        throw new AssertionError(name + " is not registered");
    }

    private static List<String> names(JsonNode blocked) {
        List<String> names = new ArrayList<>();
        blocked.forEach(b -> names.add(b.get("name").asText()));
        return names;
    }

    private boolean running(String container) {
        return docker("inspect", "-f", "{{.State.Running}}", container).strip().equals("true");
    }

    private String docker(String... args) {
        return machine.docker(args).output();
    }
}
