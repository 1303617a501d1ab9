package dev.lpm.policy;

import static dev.lpm.policy.SecurityPolicyTest.NO_VPN;
import static dev.lpm.policy.SecurityPolicyTest.VPN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.ServiceFlags;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceSpec;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy for {@code --isolated}: every publication dropped, the internal network added, the port chosen. */
class IsolatedPolicyTest {

    private static final ServiceFlags ISOLATED = new ServiceFlags(false, true, false);
    private final SecurityPolicy policy = new SecurityPolicy();

    private Decision decide(String command) {
        return decide(command, false);
    }

    private Decision decide(String command, boolean vpn) {
        return policy.decide(new ServiceSpec(ServiceName.of("web"), command, 4000, ISOLATED, null, null, Instant.EPOCH,
                true), vpn ? VPN : NO_VPN, true);
    }

    private static final String ADDED = " --network lpm-isolated --name lpm-web --label dev.lpm.service=web --rm";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "docker run -p {port}:80 img httpd -p 81                 | docker run" + ADDED + " img httpd -p 81",
            "docker run --publish {port}:80 -e A=1 img               | docker run" + ADDED + " -e A=1 img",
            "docker run --publish={port}:80 img                      | docker run" + ADDED + " img",
            "docker run -p{port}:80 img                              | docker run" + ADDED + " img",
            "docker run -ip {port}:80 img                            | docker run" + ADDED + " -i img",
            "docker run -tp{port}:80 img                             | docker run" + ADDED + " -t img",
            "docker run -p 127.0.0.1:{port}:80/tcp -p 9229:9229 img  | docker run" + ADDED + " img",
            "docker container run -p \"$PORT:80\" img                | docker container run" + ADDED + " img",
    })
    void everyPublicationIsDroppedAndTheNetworkNameLabelAndRmAreAdded(String command, String expected) {
        Decision decision = decide(command.strip());
        assertThat(decision).as(decision.toString()).isInstanceOf(Decision.Rewrite.class);
        assertThat(decision.commandToRun()).isEqualTo(expected.strip().replace("{port}", "4000"));
        assertThat(decision.isolatedTarget()).contains(new Decision.IsolatedTarget("lpm-web", 80));
    }

    @Test
    void theForwardedPortIsTheOnePublishedOnTheServicesPort() {
        Decision decision = decide("docker run -p 9229:9229 -p {port}:5432 postgres");
        assertThat(decision.isolatedTarget()).contains(new Decision.IsolatedTarget("lpm-web", 5432));
        assertThat(((Decision.Rewrite) decision).changes()).anyMatch(c -> c.contains("-p {port}:5432 removed")
                && c.contains("forwards 127.0.0.1:{port} to the container's port 5432"));
        // The only publication counts even without {port}.
        assertThat(decide("docker run -p 8080:80 img").isolatedTarget()).contains(new Decision.IsolatedTarget("lpm-web", 80));
    }

    @Test
    void theUsersNameAndRestartPolicyAreKept() {
        Decision decision = decide("docker run --rm --name my-web-{port} -p {port}:80 img");
        assertThat(decision.commandToRun())
                .isEqualTo("docker run --network lpm-isolated --label dev.lpm.service=web --rm --name my-web-4000 img");
        assertThat(decision.isolatedTarget()).contains(new Decision.IsolatedTarget("my-web-4000", 80));
        assertThat(decide("docker run --restart unless-stopped -p {port}:80 img").commandToRun())
                .isEqualTo("docker run --network lpm-isolated --name lpm-web --label dev.lpm.service=web"
                        + " --restart unless-stopped img");
    }

    @Test
    void aVpnDoesNotBlockAnIsolatedService() {
        assertThat(decide("docker run -p {port}:80 img", true)).isInstanceOf(Decision.Rewrite.class)
                .extracting(Decision::isolatedTarget).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "docker run img                                | add -p {port}:CONTAINERPORT",
            "docker run -p 8080:80 -p 8081:81 img          | publish it as -p {port}:CONTAINERPORT (now: -p 8080:80, -p 8081:81)",
            "docker run -p {port}:5353/udp img             | not a single TCP container port",
            "docker run -p {port}:8000-8001 img            | not a single TCP container port",
            "docker run --network mynet -p {port}:80 img   | remove --network mynet",
            "docker run -d -p {port}:80 img                | remove -d/--detach",
            "docker create -p {port}:80 img                | exactly one `docker run`",
            "docker run -p {port}:80 a; docker run b       | exactly one `docker run`",
            "python3 -m http.server {port}                 | --isolated applies to a `docker run` command",
            "docker run --network host img                 | --network host",
            "docker run --name \"$N\" -p {port}:80 img     | write --name out",
    })
    void whatCannotRunIsolatedIsRefusedSayingWhatToChange(String command, String reason) {
        Decision decision = decide(command.strip());
        assertThat(decision).isInstanceOf(Decision.Refuse.class);
        assertThat(((Decision.Refuse) decision).reason()).contains(reason.strip());
    }
}
