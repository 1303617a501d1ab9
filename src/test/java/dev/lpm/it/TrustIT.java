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

        // Untrust: gone from both, and --status says what is missing again.
        LpmCli.Result untrust = lpm.run(machine, env, TIMEOUT, "untrust");
        assertThat(untrust.exit()).as(untrust.toString()).isZero();
        assertThat(untrust.out()).contains("Trusted nowhere asked any more.");
        assertThat(verify(machine, ca).exit()).isNotZero();
        assertThat(anchors.resolve("lpm-ca-root.crt")).doesNotExist();
        assertThat(certs.resolve("lpm-ca-root.pem")).doesNotExist();
        assertThat(Files.readString(certs.resolve("ca-certificates.crt"))).doesNotContain(
                Files.readString(ca).strip().lines().skip(1).findFirst().orElseThrow());
        assertThat(run(List.of("certutil", "-L", "-d", "sql:" + nssdb)).out()).doesNotContain("lpm local CA");
        LpmCli.Result after = lpm.run(machine, env, TIMEOUT, "trust", "--status");
        assertThat(after.exit()).isEqualTo(1);
        assertThat(after.out()).contains("lpm-ca-root.crt is missing").contains("no certificate named '" + nickname + "'");
    }

    /** OpenSSL's own verdict on the CA with the (bound) /etc/ssl/certs as its CApath, as curl and others read it. */
    private static Result verify(List<String> machine, Path ca) throws Exception {
        List<String> command = new ArrayList<>(machine);
        command.addAll(List.of("openssl", "verify", "-CApath", "/etc/ssl/certs", ca.toString()));
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
