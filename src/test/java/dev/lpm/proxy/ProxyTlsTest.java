package dev.lpm.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.ServiceState;
import dev.lpm.testsupport.Requirements;
import dev.lpm.tls.CaStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https:// and HTTP/2 on the proxy's port, checked with the clients users have: curl and openssl. */
class ProxyTlsTest {

    @TempDir
    Path dir;

    ProxyHarness harness;
    TestBackend api;
    CaStore ca;

    @BeforeEach
    void start() throws Exception {
        Requirements.requireCommand("curl", "curl");
        Requirements.requireCommand("openssl", "openssl");
        ca = CaStore.open(dir.resolve("home"));
        harness = new ProxyHarness(dir, c -> c, ca);
        api = new TestBackend();
        harness.route("app", api.port(), ServiceState.RUNNING);
    }

    @AfterEach
    void stop() {
        harness.close();
        api.close();
    }

    @Test
    void curlGetsTheServiceOverHttp2WithTheCaAndPlainHttpStillWorksOnTheSamePort() throws Exception {
        Commands.Result h2 = curl("--http2", "https://app.localhost:" + harness.port() + "/hello");
        assertThat(h2.exitCode()).as(h2.toString()).isZero();
        assertThat(h2.stdout()).isEqualTo("hello from /hello\n2 200");

        Commands.Result plain = curl("http://app.localhost:" + harness.port() + "/plain");
        assertThat(plain.stdout()).as(plain.toString()).isEqualTo("hello from /plain\n1.1 200");

        assertThat(api.seen).hasSize(2);
        var overTls = api.seen.getFirst().headers();
        assertThat(overTls.getFirst("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(overTls.getFirst("Host")).isEqualTo("app.localhost:" + harness.port());
        assertThat(overTls.keySet()).noneMatch(name -> name.toLowerCase().startsWith("x-http2"));
        assertThat(api.seen.get(1).headers().getFirst("X-Forwarded-Proto")).isEqualTo("http");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> harness.logged.size() == 2);
        assertThat(harness.logged).extracting(r -> r.protocol()).containsExactly("HTTP/2+TLS", "HTTP/1.1");
    }

    @Test
    void aClientThatOffersOnlyHttp11GetsItInsideTls() throws Exception {
        Commands.Result h1 = curl("--http1.1", "https://app.localhost:" + harness.port() + "/one");
        assertThat(h1.stdout()).as(h1.toString()).isEqualTo("hello from /one\n1.1 200");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> harness.logged.size() == 1);
        assertThat(harness.logged.getFirst().protocol()).isEqualTo("HTTP/1.1+TLS");
    }

    @Test
    void opensslShowsTheChainUpToTheCaWithItsCriticalNameConstraints() throws Exception {
        Commands.Result shown = Commands.run(Duration.ofSeconds(20), "", "openssl", "s_client", "-connect",
                "127.0.0.1:" + harness.port(), "-servername", "app.localhost", "-showcerts", "-CAfile",
                ca.certificateFile().toString(), "-verify_hostname", "app.localhost", "-alpn", "h2");
        assertThat(shown.stdout()).as(shown.toString())
                .contains("Verify return code: 0 (ok)")
                .contains("0 s:O = lpm development CA, CN = app.localhost")
                .contains("1 s:O = lpm development CA, OU = ")
                .contains("ALPN protocol: h2");
        List<String> pems = Commands.pemBlocks(shown.stdout());
        assertThat(pems).hasSize(2);
        Commands.Result caText = Commands.run(Duration.ofSeconds(10), pems.get(1), "openssl", "x509", "-noout", "-text");
        assertThat(caText.stdout()).as(caText.toString())
                .contains("X509v3 Name Constraints: critical")
                .contains("DNS:localhost", "DNS:.localhost", "IP:127.0.0.0/255.0.0.0",
                        "IP:0:0:0:0:0:0:0:1/FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF")
                .contains("CA:TRUE, pathlen:0");
        Commands.Result leafText = Commands.run(Duration.ofSeconds(10), pems.get(0), "openssl", "x509", "-noout", "-text");
        assertThat(leafText.stdout()).contains("DNS:app.localhost").contains("TLS Web Server Authentication");
    }

    @Test
    void aServiceWithSubdomainsGetsAWildcardCertificate() throws Exception {
        harness.route("shop", api.port(), ServiceState.RUNNING, true);
        Commands.Result sub = curl("--http2", "https://eu.shop.localhost:" + harness.port() + "/sub");
        assertThat(sub.stdout()).as(sub.toString()).isEqualTo("hello from /sub\n2 200");
        Commands.Result shown = Commands.run(Duration.ofSeconds(20), "", "openssl", "s_client", "-connect",
                "127.0.0.1:" + harness.port(), "-servername", "eu.shop.localhost");
        Commands.Result leafText = Commands.run(Duration.ofSeconds(10), Commands.pemBlocks(shown.stdout()).getFirst(),
                "openssl", "x509", "-noout", "-ext", "subjectAltName");
        assertThat(leafText.stdout()).contains("DNS:shop.localhost, DNS:*.shop.localhost");
    }

    @Test
    void aNameLpmDoesNotServeGetsAnUnrecognizedNameAlertAndNoCertificate() throws Exception {
        Commands.Result refused = Commands.run(Duration.ofSeconds(20), "", "openssl", "s_client", "-connect",
                "127.0.0.1:" + harness.port(), "-servername", "nothing.localhost");
        assertThat(refused.stdout() + refused.stderr()).as(refused.toString())
                .contains("unrecognized name").doesNotContain("BEGIN CERTIFICATE");
        Commands.Result elsewhere = Commands.run(Duration.ofSeconds(20), "", "openssl", "s_client", "-connect",
                "127.0.0.1:" + harness.port(), "-servername", "example.com");
        assertThat(elsewhere.stdout() + elsewhere.stderr()).contains("unrecognized name")
                .doesNotContain("BEGIN CERTIFICATE");

        Commands.Result curl = curl("https://nothing.localhost:" + harness.port() + "/");
        assertThat(curl.exitCode()).as(curl.toString()).isNotZero();
        assertThat(api.seen).isEmpty();
        assertThat(curl("--http2", "https://app.localhost:" + harness.port() + "/").stdout()).endsWith("2 200");
    }

    private Commands.Result curl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS", "--max-time", "15", "--cacert",
                ca.certificateFile().toString(), "-w", "\n%{http_version} %{http_code}"));
        for (String arg : args) {
            if (arg.startsWith("http")) {
                String host = java.net.URI.create(arg).getHost();
                command.addAll(List.of("--resolve", host + ":" + harness.port() + ":127.0.0.1"));
            }
        }
        command.addAll(List.of(args));
        return Commands.run(Duration.ofSeconds(30), "", command.toArray(String[]::new));
    }
}
