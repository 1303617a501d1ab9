package dev.lpm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.testsupport.Requirements;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstRunChecksTest {

    @TempDir
    Path dir;

    private final List<List<String>> commands = new ArrayList<>();

    private FirstRunChecks checks(FirstRunChecks.Resolver resolver, FirstRunChecks.CommandOutput getentAnswer) {
        return checks(Map.of(), resolver, getentAnswer);
    }

    private FirstRunChecks checks(Map<String, String> env, FirstRunChecks.Resolver resolver,
            FirstRunChecks.CommandOutput getentAnswer) {
        return new FirstRunChecks(env, resolver, command -> {
            commands.add(command);
            return getentAnswer;
        }, path -> true);
    }

    private static FirstRunChecks.Resolver answers(String... addresses) {
        return name -> {
            List<InetAddress> list = new ArrayList<>();
            for (String address : addresses) {
                list.add(InetAddress.getByName(address)); // literals: no lookup
            }
            return list;
        };
    }

    private static final FirstRunChecks.Resolver UNKNOWN = name -> {
        throw new UnknownHostException(name);
    };

    @Test
    void javaResolverOkWhenEveryAddressIsLoopback() {
        FirstRunCheck check = checks(answers("127.0.0.1", "::1"), null).javaResolver();
        assertThat(check.ok()).isTrue();
        assertThat(check.message()).contains("lpm-check.localhost resolves to loopback");
        assertThat(check.fix()).isEmpty();
    }

    @Test
    void javaResolverFailsWhenTheNameDoesNotResolveOrLeavesTheMachine() {
        FirstRunCheck unknown = checks(UNKNOWN, null).javaResolver();
        assertThat(unknown.ok()).isFalse();
        assertThat(unknown.message()).contains("does not resolve");
        assertThat(unknown.fix()).contains("sudo lpm hosts sync");

        // A DNS server that answers everything (some ISPs and captive portals do).
        FirstRunCheck hijacked = checks(answers("127.0.0.1", "198.51.100.7"), null).javaResolver();
        assertThat(hijacked.ok()).isFalse();
        assertThat(hijacked.message()).contains("198.51.100.7").contains("not loopback");

        FirstRunCheck empty = checks(name -> List.of(), null).javaResolver();
        assertThat(empty.ok()).isFalse();
    }

    @Test
    void systemResolverAsksGetentAndAcceptsLoopback() {
        FirstRunCheck v4 = checks(UNKNOWN, new FirstRunChecks.CommandOutput(0, "127.0.0.1       lpm-check.localhost\n"))
                .systemResolver();
        assertThat(v4.ok()).isTrue();
        assertThat(v4.message()).contains("(127.0.0.1)");
        assertThat(commands).containsExactly(List.of("/usr/bin/getent", "hosts", "lpm-check.localhost"));

        FirstRunCheck v6 = checks(UNKNOWN, new FirstRunChecks.CommandOutput(0, "::1             lpm-check.localhost\n"))
                .systemResolver();
        assertThat(v6.ok()).isTrue();
    }

    @Test
    void systemResolverFailsOnNoAnswerAPublicAddressATimeoutOrAnError() {
        FirstRunCheck none = checks(UNKNOWN, new FirstRunChecks.CommandOutput(2, "")).systemResolver();
        assertThat(none.ok()).isFalse();
        assertThat(none.message()).contains("does not resolve *.localhost");
        assertThat(none.fix()).contains("libnss-myhostname").contains("sudo lpm hosts sync");

        FirstRunCheck publicAddress = checks(UNKNOWN, new FirstRunChecks.CommandOutput(0, "198.51.100.7 lpm-check.localhost"))
                .systemResolver();
        assertThat(publicAddress.ok()).isFalse();

        FirstRunCheck timeout = checks(UNKNOWN, null).systemResolver();
        assertThat(timeout.ok()).isFalse();
        assertThat(timeout.message()).contains("did not answer within 5 s");

        FirstRunCheck error = new FirstRunChecks(Map.of(), UNKNOWN, command -> {
            throw new IOException("Permission denied");
        }, path -> true).systemResolver();
        assertThat(error.ok()).isFalse();
        assertThat(error.message()).contains("could not run getent: Permission denied");
    }

    @Test
    void withoutGetentTheSystemCheckSaysItDidNotCheck() {
        FirstRunCheck check = new FirstRunChecks(Map.of(), UNKNOWN, command -> {
            throw new AssertionError("getent must not run");
        }, path -> false).systemResolver();
        assertThat(check.ok()).isTrue();
        assertThat(check.message()).contains("not checked");
    }

    @Test
    void dockerSocketMissingInaccessibleOrThere() throws Exception {
        Path missing = dir.resolve("missing.sock");
        FirstRunCheck absent = checks(Map.of("DOCKER_HOST", "unix://" + missing), UNKNOWN, null).docker();
        assertThat(absent.ok()).isFalse();
        assertThat(absent.message()).contains("no socket at " + missing);

        Path socket = Files.createFile(dir.resolve("docker.sock")); // a file stands in: only access is checked
        FirstRunCheck there = checks(Map.of("DOCKER_HOST", "unix://" + socket), UNKNOWN, null).docker();
        assertThat(there.ok()).isTrue();

        if (!Requirements.isRoot()) { // root may use any socket
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("r--------"));
            FirstRunCheck denied = checks(Map.of("DOCKER_HOST", "unix://" + socket), UNKNOWN, null).docker();
            assertThat(denied.ok()).isFalse();
            assertThat(denied.fix()).contains("usermod -aG docker");
        }

        FirstRunCheck remote = checks(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2376"), UNKNOWN, null).docker();
        assertThat(remote.ok()).isTrue();
        assertThat(remote.message()).contains("not checked");
    }

    /**
     * The real checks on this machine report what the machine does: an independent lookup through
     * glibc (python3's getaddrinfo, as curl resolves) decides what both resolver checks must say.
     */
    @Test
    void realChecksReportThisMachinesResolutionTruthfully() throws Exception {
        Requirements.requireCommand("python3", "python3");
        Requirements.requireCommand("getent", "libc-bin");
        boolean systemResolvesToLoopback = pythonResolvesToLoopback(FirstRunChecks.PROBE_NAME);

        List<FirstRunCheck> results = new FirstRunChecks(System.getenv()).run();

        assertThat(results).extracting(FirstRunCheck::name)
                .containsExactly("*.localhost in Java", "*.localhost for other tools", "Docker");
        FirstRunCheck java = results.get(0);
        FirstRunCheck system = results.get(1);
        assertThat(system.ok()).as(system + " vs getaddrinfo").isEqualTo(systemResolvesToLoopback);
        // Java resolves through the same getaddrinfo (no InetAddressResolver provider is installed).
        assertThat(java.ok()).as(java + " vs getaddrinfo").isEqualTo(systemResolvesToLoopback);
        for (FirstRunCheck check : List.of(java, system)) {
            if (!check.ok()) {
                assertThat(check.fix()).contains("lpm hosts sync");
            }
        }
    }

    /** Whether glibc resolves {@code name} to loopback addresses only, asked from python3. */
    private static boolean pythonResolvesToLoopback(String name) throws Exception {
        String script = """
                import ipaddress, socket, sys
                try:
                    infos = socket.getaddrinfo(sys.argv[1], None)
                except socket.gaierror:
                    print("none"); sys.exit(0)
                addrs = {i[4][0] for i in infos}
                print("loopback" if addrs and all(ipaddress.ip_address(a).is_loopback for a in addrs) else "other")
                """;
        Process process = new ProcessBuilder("python3", "-c", script, name).redirectErrorStream(true).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("python3 getaddrinfo did not finish");
        }
        String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(answer).as("python3 getaddrinfo").isIn("none", "loopback", "other");
        return answer.equals("loopback");
    }
}
