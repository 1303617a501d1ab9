package dev.lpm.tls;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.testsupport.Requirements;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a stolen CA key is worth: a certificate for a real site signed by it is refused by OpenSSL and by
 * curl, because of the CA's critical name constraints, while one for a {@code .localhost} name passes (so
 * the refusal is the constraints', not a broken chain's).
 */
class NameConstraintsTest {

    @TempDir
    Path dir;

    @Test
    void opensslVerifyRefusesACertificateForExampleComAndAcceptsLocalNames() throws Exception {
        Requirements.requireCommand("openssl", "openssl");
        CaStore ca = CaStore.open(dir.resolve("home"));
        LeafIssuer issuer = new LeafIssuer(ca);

        Path stolen = write("example.pem", issuer.issue(List.of("example.com"), Instant.now()));
        Path local = write("app.pem", issuer.issue(List.of("app.localhost"), Instant.now()));
        Path bare = write("localhost.pem", issuer.issue(List.of("localhost", "127.0.0.1", "::1"), Instant.now()));
        Path outside = write("ip.pem", issuer.issue(List.of("192.168.1.10"), Instant.now()));

        Result refused = run("openssl", "verify", "-CAfile", ca.certificateFile().toString(), stolen.toString());
        assertThat(refused.exit()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("permitted subtree violation");
        Result ip = run("openssl", "verify", "-CAfile", ca.certificateFile().toString(), outside.toString());
        assertThat(ip.output()).contains("permitted subtree violation");
        for (Path good : List.of(local, bare)) {
            Result accepted = run("openssl", "verify", "-CAfile", ca.certificateFile().toString(), good.toString());
            assertThat(accepted.exit()).as(accepted.output()).isZero();
            assertThat(accepted.output()).contains(": OK");
        }
    }

    @Test
    void curlRefusesAServerThatShowsACertificateForExampleComSignedByTheCa() throws Exception {
        Requirements.requireCommand("openssl", "openssl");
        Requirements.requireCommand("curl", "curl");
        CaStore ca = CaStore.open(dir.resolve("home"));
        LeafIssuer issuer = new LeafIssuer(ca);

        Result stolen = curlThroughOpensslServer(ca, issuer.issue(List.of("example.com"), Instant.now()), "example.com");
        assertThat(stolen.exit()).as(stolen.output()).isEqualTo(60); // CURLE_PEER_FAILED_VERIFICATION
        assertThat(stolen.output()).contains("permitted subtree violation");

        Result local = curlThroughOpensslServer(ca, issuer.issue(List.of("app.localhost"), Instant.now()), "app.localhost");
        assertThat(local.exit()).as(local.output()).isZero();
    }

    /** Serves {@code leaf} with {@code openssl s_server} on a free loopback port and fetches it with curl. */
    private Result curlThroughOpensslServer(CaStore ca, IssuedLeaf leaf, String name) throws Exception {
        Path cert = write(name + "-chain.pem", leaf);
        Path key = dir.resolve(name + "-key.pem");
        Files.write(key, Pem.privateKey(leaf.key()));
        int port = freePort();
        Process server = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-cert",
                cert.toString(), "-key", key.toString(), "-www")
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + "-server.log").toFile()).start();
        try {
            awaitListening(port);
            return run("curl", "-sS", "--max-time", "10", "--cacert", ca.certificateFile().toString(), "--resolve",
                    name + ":" + port + ":127.0.0.1", "https://" + name + ":" + port + "/");
        } finally {
            server.destroy();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
    }

    private static void awaitListening(int port) {
        await("openssl s_server listening on " + port).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsInstanceOf(IOException.class) // ConnectException while it starts: ignoreException matches the exact class only
                .until(() -> {
                    try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                        return true;
                    }
                });
    }

    private Path write(String name, IssuedLeaf leaf) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, Pem.certificate(leaf.chain()[0]));
        return file;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    record Result(int exit, String output) {}

    private static Result run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return new Result(process.exitValue(), output);
    }
}
