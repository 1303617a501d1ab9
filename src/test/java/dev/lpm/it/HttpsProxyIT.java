package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.testsupport.Requirements;
import dev.lpm.testsupport.UserInstance;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged daemon, started as a normal user, makes its CA on first start in its own LPM_HOME and serves
 * a registered service over https:// with HTTP/2 (curl with the CA) and over http:// on the same port.
 */
class HttpsProxyIT {

    @Test
    void aUsersDaemonServesHttpsWithItsOwnCaAndPlainHttpOnTheSamePort() throws Exception {
        Requirements.requireRoot();
        Requirements.requireCommand("curl", "curl");
        int port = freePort();
        try (UserInstance lpm = UserInstance.create("lpmtest-https")) {
            lpm.startDaemon(Map.of("LPM_PROXY_PORT", Integer.toString(port)));
            var registered = lpm.cli().run(Duration.ofSeconds(60), "register", "--cwd", lpm.work().toString(),
                    "lpmtest-tlsweb", "python3 -m http.server {port} --bind 127.0.0.1");
            assertThat(registered.exit()).as(registered.toString()).isZero();

            Path ca = lpm.home().resolve("tls").resolve("ca.pem");
            Path key = lpm.home().resolve("tls").resolve("ca-key.pem");
            assertThat(ca).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            assertThat((Integer) Files.getAttribute(key, "unix:uid")).as("the user's own key")
                    .isEqualTo(Files.getAttribute(lpm.home(), "unix:uid"));

            String url = "lpmtest-tlsweb.localhost:" + port;
            Run h2 = curl(port, "--http2", "--cacert", ca.toString(), "https://" + url + "/");
            assertThat(h2.output()).as(h2 + lpm.log()).contains("Directory listing").endsWith("2 200");
            Run plain = curl(port, "http://" + url + "/");
            // python's http.server answers HTTP/1.0, which the plain path passes on as it came.
            assertThat(plain.output()).as(plain.toString()).contains("Directory listing").endsWith(" 200")
                    .doesNotEndWith("2 200");
            assertThat(lpm.log()).contains("HTTP and TLS (BORINGSSL)");
            Path accessLog = lpm.home().resolve("logs").resolve("access.log");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(Files.readString(accessLog)).contains("GET / HTTP/2+TLS -> lpmtest-tlsweb 200")
                            .contains("GET / HTTP/1.1 -> lpmtest-tlsweb 200"));
            lpm.stopDaemon(Duration.ofSeconds(30));
        }
    }

    record Run(int exit, String output) {}

    private static Run curl(int port, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "15", "-w", "\n%{http_version} %{http_code}",
                "--resolve", "lpmtest-tlsweb.localhost:" + port + ":127.0.0.1"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return new Run(process.exitValue(), output);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
