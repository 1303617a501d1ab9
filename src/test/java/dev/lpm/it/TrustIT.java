package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.Requirements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code lpm trust} then {@code lpm untrust} with the packaged jar, as root, against Debian's real
 * update-ca-certificates and NSS's real certutil: the system store's directories are the test's own, bound over
 * /usr/local/share/ca-certificates, /etc/ssl/certs and the hooks directory in a private mount namespace per command
 * (so the host's store, and the Java store a hook would update, never change), and the NSS database is a fresh one
 * in the test's $HOME, where lpm finds Chromium's. OpenSSL and certutil, the clients, say what is trusted.
 */
class TrustIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private Path base;

    @AfterEach
    void removeEverything() throws IOException {
        if (base != null) {
            try (Stream<Path> all = Files.walk(base)) {
                for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    @Test
    void trustThenUntrustChangeTheSystemStoreAndAnNssDatabaseAndBack() throws Exception {
        Requirements.requireRoot();
        Requirements.requireCommand("unshare", "util-linux");
        Requirements.requireCommand("update-ca-certificates", "ca-certificates");
        Requirements.requireCommand("certutil", "libnss3-tools");
        Requirements.requireCommand("openssl", "openssl");
        Requirements.requireCommand("curl", "curl");
        Requirements.requireCommand("python3", "python3");
        Requirements.require(Files.isDirectory(Path.of("/usr/local/share/ca-certificates"))
                && Files.isDirectory(Path.of("/etc/ca-certificates/update.d")), "needs Debian's ca-certificates layout");
        base = Files.createTempDirectory("lpmtest-trust-it");
        Path lpmHome = Files.createDirectories(base.resolve("lpm-home"));
        Files.setPosixFilePermissions(lpmHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path home = Files.createDirectories(base.resolve("home"));
        Path nssdb = Files.createDirectories(home.resolve(".pki/nssdb"));
        run(List.of("certutil", "-N", "--empty-password", "-d", "sql:" + nssdb));
        Path anchors = Files.createDirectories(base.resolve("local-ca-certificates"));
        Path certs = Files.createDirectories(base.resolve("etc-ssl-certs"));
        Path hooks = Files.createDirectories(base.resolve("no-hooks"));
        List<String> machine = List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount --bind \"$1\" /usr/local/share/ca-certificates && mount --bind \"$2\" /etc/ssl/certs"
                        + " && mount --bind \"$3\" /etc/ca-certificates/update.d && shift 3 && exec \"$@\"",
                "lpmtest-trust-ns", anchors.toString(), certs.toString(), hooks.toString());
        Map<String, String> env = Map.of("HOME", home.toString(), "LPM_TRUST_SYSTEM", "debian");
        LpmCli lpm = new LpmCli(lpmHome);
        Path ca = lpmHome.resolve("tls/ca.pem");
        String nickname = "lpm local CA (root)";

        // Before: nothing trusts the CA, which --status made (CaStore) and names.
        LpmCli.Result before = lpm.run(machine, env, TIMEOUT, "trust", "--status");
        assertThat(before.exit()).as(before.toString()).isEqualTo(1);
        assertThat(ca).exists();
        assertThat(before.out()).contains("missing      system store (Debian/Ubuntu, /usr/local/share/ca-certificates)")
                .contains("/usr/local/share/ca-certificates/lpm-ca-root.crt is missing")
                .contains("missing      NSS " + nssdb + " (Chromium, Chrome)")
                .contains("no certificate named '" + nickname + "'")
                .contains("Not trusted everywhere");
        assertThat(verify(machine, ca).exit()).isNotZero();

        // Trust: the real update-ca-certificates links it into /etc/ssl/certs (OpenSSL's CApath) and the bundle.
        LpmCli.Result trust = lpm.run(machine, env, TIMEOUT, "trust");
        assertThat(trust.exit()).as(trust.toString()).isZero();
        assertThat(trust.out()).contains("trusted      system store").contains("trusted      NSS " + nssdb)
                .contains("Trusted everywhere asked.");
        Result verified = verify(machine, ca);
        assertThat(verified.exit()).as(verified.toString()).isZero();
        assertThat(verified.out()).contains(": OK");
        assertThat(anchors.resolve("lpm-ca-root.crt")).exists();
        assertThat(Files.isSymbolicLink(certs.resolve("lpm-ca-root.pem"))).isTrue();
        assertThat(run(List.of("certutil", "-L", "-d", "sql:" + nssdb)).out())
                .containsPattern("lpm local CA \\(root\\)\\s+C,,");
        assertThat(Path.of("/usr/local/share/ca-certificates/lpm-ca-root.crt")).as("the host's store").doesNotExist();
        assertThat(Path.of("/etc/ssl/certs/lpm-ca-root.pem")).as("the host's store").doesNotExist();

        JsonNode status = JSON.readTree(lpm.run(machine, env, TIMEOUT, "trust", "--status", "--json").out());
        assertThat(status.get("ok").asBoolean()).isTrue();
        assertThat(status.get("caFile").asText()).isEqualTo(ca.toString());
        List<String> states = new ArrayList<>();
        status.get("places").forEach(p -> states.add(p.get("state").asText()));
        assertThat(states).containsExactly("trusted", "trusted");

        // The instance answers the same over its API (GET /v1/trust), from its own environment, and serves
        // https:// with leaves from the same CA: curl, reading the system store, takes them without --cacert.
        Path daemonLog = base.resolve("daemon.log");
        lpm.startDaemon(daemonLog, machine, env);
        try {
            List<String> curl = List.of("curl", "-sS", "--max-time", "30", "--unix-socket",
                    lpmHome.resolve("lpm.sock").toString(), "http://lpm/v1/trust");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> run(curl).exit() == 0);
            Result api = run(curl);
            assertThat(api.exit()).as(api + "\n" + Files.readString(daemonLog)).isZero();
            JsonNode answer = JSON.readTree(api.out());
            JsonNode data = answer.has("data") ? answer.get("data") : answer;
            assertThat(data.get("ok").asBoolean()).as(api.out()).isTrue();
            assertThat(data.get("sha1").asText()).isEqualTo(status.get("sha1").asText());

            LpmCli.Result registered = lpm.run(machine, env, TIMEOUT, "register", "--cwd", base.toString(),
                    "--port", Integer.toString(LpmCli.freePort()), "lpmtest-trust-web", "python3 -m http.server --bind 127.0.0.1 {port}");
            assertThat(registered.exit()).as(registered.toString()).isZero();
            String url = "https://lpmtest-trust-web.localhost:" + lpm.proxyPort() + "/";
            Result https = https(machine, url);
            assertThat(https.exit()).as(https.toString()).isZero();
            assertThat(https.out()).startsWith("200");
            // With the CA trusted, the address lpm prints is https:// (urlScheme auto, the instance's verdict from
            // its check at start, which may still be running right after the API answers).
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> lpm.run(machine, env, TIMEOUT, "url", "lpmtest-trust-web").out().strip(),
                            printed -> printed.equals(url.substring(0, url.length() - 1)));

            // Untrust: gone from both, and --status says what is missing again.
            LpmCli.Result untrust = lpm.run(machine, env, TIMEOUT, "untrust");
            assertThat(untrust.exit()).as(untrust.toString()).isZero();
            assertThat(untrust.out()).contains("Trusted nowhere asked any more.");
            assertThat(verify(machine, ca).exit()).isNotZero();
            Result refused = https(machine, url);
            assertThat(refused.exit()).as("curl: SSL certificate problem (60) once untrusted: " + refused).isEqualTo(60);
            // lpm untrust told the instance (GET /v1/trust): the next address is http:// again, no waiting.
            LpmCli.Result printed = lpm.run(machine, env, TIMEOUT, "url", "lpmtest-trust-web");
            assertThat(printed.out().strip()).as(printed.toString())
                    .isEqualTo("http://lpmtest-trust-web.localhost:" + lpm.proxyPort());
        } finally {
            lpm.close();
        }
        assertThat(anchors.resolve("lpm-ca-root.crt")).doesNotExist();
        assertThat(certs.resolve("lpm-ca-root.pem")).doesNotExist();
        assertThat(Files.readString(certs.resolve("ca-certificates.crt"))).doesNotContain(
                Files.readString(ca).strip().lines().skip(1).findFirst().orElseThrow());
        assertThat(run(List.of("certutil", "-L", "-d", "sql:" + nssdb)).out()).doesNotContain("lpm local CA");
        LpmCli.Result after = lpm.run(machine, env, TIMEOUT, "trust", "--status");
        assertThat(after.exit()).isEqualTo(1);
        assertThat(after.out()).contains("lpm-ca-root.crt is missing").contains("no certificate named '" + nickname + "'");
    }

    @Test
    void aNormalUserIsToldTheSudoCommandsAndThoseCommandsTrustIt() throws Exception {
        Requirements.requireRoot();
        Requirements.requireCommand("unshare", "util-linux");
        Requirements.requireCommand("setpriv", "util-linux");
        Requirements.requireCommand("update-ca-certificates", "ca-certificates");
        base = Files.createTempDirectory("lpmtest-trust-it-user");
        Files.setPosixFilePermissions(base, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path lpmHome = Files.createDirectories(base.resolve("lpm-home"));
        Files.setPosixFilePermissions(lpmHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path home = Files.createDirectories(base.resolve("home"));
        var users = base.getFileSystem().getUserPrincipalLookupService();
        for (Path own : List.of(lpmHome, home)) {
            Files.setOwner(own, users.lookupPrincipalByName("nobody"));
        }
        Path anchors = Files.createDirectories(base.resolve("local-ca-certificates"));
        Path certs = Files.createDirectories(base.resolve("etc-ssl-certs"));
        Path hooks = Files.createDirectories(base.resolve("no-hooks"));
        List<String> machine = List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount --bind \"$1\" /usr/local/share/ca-certificates && mount --bind \"$2\" /etc/ssl/certs"
                        + " && mount --bind \"$3\" /etc/ca-certificates/update.d && shift 3 && exec \"$@\"",
                "lpmtest-trust-ns", anchors.toString(), certs.toString(), hooks.toString());
        List<String> asNobody = new ArrayList<>(machine);
        asNobody.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
        Map<String, String> env = Map.of("HOME", home.toString(), "LPM_TRUST_SYSTEM", "debian");
        LpmCli lpm = new LpmCli(lpmHome);

        LpmCli.Result told = lpm.run(asNobody, env, TIMEOUT, "trust", "--only", "system", "--json");
        assertThat(told.exit()).as(told.toString()).isEqualTo(1);
        JsonNode system = JSON.readTree(told.out()).get("places").get(0);
        assertThat(system.get("state").asText()).isEqualTo("missing");
        assertThat(system.get("message").asText()).contains("needs root").contains("did not change it");
        String fix = system.get("fix").asText();
        assertThat(fix).isEqualTo("sudo install -m 0644 " + lpmHome.resolve("tls/ca.pem")
                + " /usr/local/share/ca-certificates/lpm-ca-nobody.crt && sudo update-ca-certificates");
        assertThat(anchors).isEmptyDirectory();

        // What the user pastes, run as root (the test is root, so without the word sudo) on the same machine.
        List<String> pasted = new ArrayList<>(machine);
        pasted.addAll(List.of("sh", "-c", fix.replace("sudo ", "")));
        Result ran = run(pasted);
        assertThat(ran.exit()).as(ran.toString()).isZero();

        LpmCli.Result status = lpm.run(asNobody, env, TIMEOUT, "trust", "--status", "--only", "system");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).contains("trusted      system store (Debian/Ubuntu");
        Result verified = verify(machine, lpmHome.resolve("tls/ca.pem"));
        assertThat(verified.exit()).as(verified.toString()).isZero();

        LpmCli.Result untold = lpm.run(asNobody, env, TIMEOUT, "untrust", "--only", "system");
        assertThat(untold.exit()).isEqualTo(1);
        assertThat(untold.out()).contains("fix: sudo rm -f /usr/local/share/ca-certificates/lpm-ca-nobody.crt"
                + " && sudo update-ca-certificates --fresh");
    }

    @Test
    void namedPlacesOnlyAJavaTruststoreAndBadInputSayWhatIsWrong() throws Exception {
        Requirements.requireCommand("certutil", "libnss3-tools");
        base = Files.createTempDirectory("lpmtest-trust-it-only");
        Path lpmHome = Files.createDirectories(base.resolve("lpm-home"));
        Files.setPosixFilePermissions(lpmHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path nssdb = Files.createDirectories(base.resolve("some-nssdb"));
        run(List.of("certutil", "-N", "--empty-password", "-d", "sql:" + nssdb));
        Path truststore = base.resolve("truststore.p12");
        Map<String, String> env = Map.of("HOME", base.toString(), "LPM_TRUSTSTORE_PASSWORD", "lpmtest-secret");
        LpmCli lpm = new LpmCli(lpmHome);

        LpmCli.Result trust = lpm.run(List.of(), env, TIMEOUT, "trust", "--only", "nss,java", "--nss-db", nssdb.toString(),
                "--java-truststore", truststore.toString(), "--json");
        assertThat(trust.exit()).as(trust.toString()).isZero();
        JsonNode json = JSON.readTree(trust.out());
        assertThat(json.get("ok").asBoolean()).isTrue();
        List<String> places = new ArrayList<>();
        json.get("places").forEach(p -> places.add(p.get("place").asText() + " " + p.get("state").asText()));
        assertThat(places).containsExactly("NSS " + nssdb + " (named with --nss-db) trusted",
                "Java truststore " + truststore + " trusted");
        // The JDK's own keytool-free check: the store opens with the password and holds the CA lpm made.
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(truststore)) {
            store.load(in, "lpmtest-secret".toCharArray());
        }
        assertThat(store.getCertificate("lpm local ca (root)")).isEqualTo(java.security.cert.CertificateFactory
                .getInstance("X.509").generateCertificate(Files.newInputStream(lpmHome.resolve("tls/ca.pem"))));

        LpmCli.Result untrust = lpm.run(List.of(), env, TIMEOUT, "untrust", "--only", "nss,java", "--nss-db", nssdb.toString(),
                "--java-truststore", truststore.toString());
        assertThat(untrust.exit()).as(untrust.toString()).isZero();
        assertThat(untrust.out()).contains("missing      Java truststore " + truststore);

        // Bad input: a clear error, exit 1 or 2, nothing changed.
        LpmCli.Result noStore = lpm.run(List.of(), env, TIMEOUT, "trust", "--only", "java");
        assertThat(noStore.exit()).isEqualTo(1);
        assertThat(noStore.err()).contains("--only java needs a truststore");
        LpmCli.Result badPlace = lpm.run(List.of(), env, TIMEOUT, "trust", "--only", "keychain");
        assertThat(badPlace.exit()).isEqualTo(2);
        assertThat(badPlace.err()).contains("system, nss, java");
        LpmCli.Result badSystem = lpm.run(List.of(), Map.of("HOME", base.toString(), "LPM_TRUST_SYSTEM", "gentoo"), TIMEOUT,
                "trust", "--status");
        assertThat(badSystem.exit()).isEqualTo(1);
        assertThat(badSystem.out() + badSystem.err()).contains("LPM_TRUST_SYSTEM=gentoo is not one of debian, fedora, arch, none");
        LpmCli.Result wrongPassword = lpm.run(List.of(), Map.of("HOME", base.toString(), "LPM_TRUSTSTORE_PASSWORD", "wrong"),
                TIMEOUT, "trust", "--only", "java", "--java-truststore", truststore.toString());
        assertThat(wrongPassword.exit()).isEqualTo(1);
        assertThat(wrongPassword.out()).contains("unavailable  Java truststore").contains("cannot open the truststore");
    }

    /** OpenSSL's own verdict on the CA with the (bound) /etc/ssl/certs as its CApath, as curl and others read it. */
    private static Result verify(List<String> machine, Path ca) throws Exception {
        List<String> command = new ArrayList<>(machine);
        command.addAll(List.of("openssl", "verify", "-CApath", "/etc/ssl/certs", ca.toString()));
        return run(command);
    }

    /** curl as a user runs it: the system store decides (in the bound /etc/ssl/certs); prints the status code. */
    private static Result https(List<String> machine, String url) throws Exception {
        List<String> command = new ArrayList<>(machine);
        command.addAll(List.of("curl", "-sS", "--max-time", "30", "-o", "/dev/null", "-w", "%{http_code}", url));
        return run(command);
    }

    private record Result(int exit, String out) {}

    private static Result run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new Result(process.exitValue(), out);
    }
}
