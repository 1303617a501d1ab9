package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.NetworkNamespace;
import dev.lpm.testsupport.Requirements;
import dev.lpm.testsupport.RootHelper;
import dev.lpm.testsupport.UserInstance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The hosts block follows registrations while the user opted in ({@code hostsSync}), issue 18: the instance
 * runs as a normal user who may not write the hosts file, so it asks the real root helper ({@code lpm helper
 * --hosts-file}) to. Both run in a network namespace of the test's (the helper's port rule stays there), the
 * hosts file is the test's own (root's, 0644, in a root-owned directory, as /etc/hosts is), and names are
 * resolved the way other tools resolve them: getent, in a private mount namespace whose /etc/hosts is that file.
 */
class HostsSyncIT {

    private static final String ORIGINAL = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n10.20.30.40 db.internal\n";
    private static final String SERVE = "python3 -m http.server --bind 127.0.0.1 {port}";

    @Test
    void theBlockFollowsRegisterAndUnregisterThroughTheRootHelper() throws Exception {
        Requirements.requireRoot();
        Requirements.requireCommand("unshare", "util-linux");
        Requirements.requireCommand("getent", "libc-bin");
        Path dir = Files.createTempDirectory("lpmtest-hostsync-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, ORIGINAL);
        Files.setPosixFilePermissions(hosts, PosixFilePermissions.fromString("rw-r--r--"));
        try (NetworkNamespace ns = NetworkNamespace.create("hostsync");
             RootHelper helper = RootHelper.start(ns.enter(), List.of("--hosts-file", hosts.toString()));
             UserInstance lpm = UserInstance.create("lpmtest-hostsync")) {
            lpm.startDaemon(ns.enter(), Map.of("LPM_HELPER_SOCKET", helper.socket().toString(),
                    "LPM_HOSTS_FILE", hosts.toString()));
            LpmCli cli = lpm.cli();
            assertThat(Files.isWritable(hosts)).as("root may write it").isTrue();
            ok(cli, "register", "--cwd", lpm.work().toString(), "lpmtest-hs-first", SERVE);
            // The time the instance would need to write, were it to: the file stays as it was all along.
            await("not opted in: the file is left alone").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> Files.readString(hosts).equals(ORIGINAL));
            assertThat(resolve(hosts, "lpmtest-hs-first.localhost")).isEmpty();

            ok(cli, "settings", "set", "hostsSync", "true");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(Files.readString(hosts)).contains("127.0.0.1\tlpmtest-hs-first.localhost"));
            assertThat(resolve(hosts, "lpmtest-hs-first.localhost")).matches("(127\\.0\\.0\\.1|::1)\\s+lpmtest-hs-first\\.localhost\\s*");

            ok(cli, "register", "--cwd", lpm.work().toString(), "lpmtest-hs-web", SERVE);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(Files.readString(hosts)).isEqualTo(ORIGINAL + """
                            # BEGIN lpm managed
                            127.0.0.1\tlpmtest-hs-first.localhost
                            ::1\tlpmtest-hs-first.localhost
                            127.0.0.1\tlpmtest-hs-web.localhost
                            ::1\tlpmtest-hs-web.localhost
                            # END lpm managed
                            """));
            assertThat(resolve(hosts, "lpmtest-hs-web.localhost")).contains("lpmtest-hs-web.localhost");

            ok(cli, "unregister", "lpmtest-hs-web");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(Files.readString(hosts)).doesNotContain("lpmtest-hs-web").contains("lpmtest-hs-first"));
            assertThat(resolve(hosts, "lpmtest-hs-web.localhost")).isEmpty();

            // Written by the helper, as root, keeping the file's owner and mode.
            assertThat(Files.getOwner(hosts).getName()).isEqualTo("root");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hosts))).isEqualTo("rw-r--r--");
            assertThat(helper.log()).contains("the lpm block in " + hosts);

            ok(cli, "settings", "set", "hostsSync", "false");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(Files.readString(hosts)).as("opted out: the block is gone").isEqualTo(ORIGINAL));
            ok(cli, "unregister", "lpmtest-hs-first");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void ok(LpmCli cli, String... args) {
        LpmCli.Result result = cli.run(Duration.ofSeconds(90), args);
        assertThat(result.exit()).as(result.toString()).isZero();
    }

    /** getent hosts NAME with {@code hosts} as /etc/hosts (a private mount namespace); "" when it does not resolve. */
    private static String resolve(Path hosts, String name) throws IOException, InterruptedException {
        Process getent = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount --bind \"$0\" /etc/hosts && exec getent -s files hosts \"$1\"", hosts.toString(), name)
                .redirectErrorStream(true).start();
        String out = new String(getent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(getent.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return getent.exitValue() == 0 ? out.strip() : "";
    }
}
