package dev.lpm.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.testsupport.LpmCli;
import dev.lpm.testsupport.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lpm hosts sync|clean --file FILE} against the packaged jar with registered aliases: the block
 * names them, a second sync changes nothing, clean restores the file byte for byte, and a file the
 * user may not write gives the "needs admin rights" error.
 */
class HostsIT {

    private static final String ORIGINAL = """
            127.0.0.1\tlocalhost
            ::1\tlocalhost ip6-localhost ip6-loopback
            # the team's database
            10.20.30.40 db.internal
            """;

    @TempDir
    Path home;

    @TempDir
    Path scratch;

    LpmCli lpm;
    Path hosts;

    @BeforeEach
    void setUp() throws Exception {
        lpm = new LpmCli(home);
        hosts = scratch.resolve("hosts");
        Files.writeString(hosts, ORIGINAL);
    }

    @AfterEach
    void tearDown() {
        lpm.close();
    }

    private LpmCli.Result ok(String... args) {
        LpmCli.Result result = lpm.run(args);
        assertThat(result.exit()).as(result.toString()).isZero();
        return result;
    }

    @Test
    void syncWritesTheRegisteredNamesOnceAndCleanRestoresTheFile() throws Exception {
        ok("alias", "lpmtest-api", "4998");
        ok("alias", "lpmtest-web", "4997");

        assertThat(ok("hosts", "sync", "--file", hosts.toString()).out())
                .contains("Updated " + hosts + " (2 services)");
        String synced = Files.readString(hosts);
        assertThat(synced).isEqualTo(ORIGINAL + """
                # BEGIN lpm managed
                127.0.0.1\tlpmtest-api.localhost
                ::1\tlpmtest-api.localhost
                127.0.0.1\tlpmtest-web.localhost
                ::1\tlpmtest-web.localhost
                # END lpm managed
                """);

        assertThat(ok("hosts", "sync", "--file", hosts.toString()).out()).contains("Already up to date: " + hosts);
        assertThat(Files.readString(hosts)).isEqualTo(synced);

        // A new service replaces the block in place; lines the user adds after it stay where they are.
        Files.writeString(hosts, synced + "192.168.1.9 printer.lan\n");
        ok("alias", "lpmtest-db", "4996");
        ok("hosts", "sync", "--file", hosts.toString());
        List<String> lines = Files.readAllLines(hosts);
        assertThat(lines).containsSubsequence("10.20.30.40 db.internal", "# BEGIN lpm managed",
                "127.0.0.1\tlpmtest-db.localhost", "# END lpm managed", "192.168.1.9 printer.lan");
        assertThat(lines).filteredOn(line -> line.equals("# BEGIN lpm managed")).hasSize(1);

        // Without a running instance the names come from the registry file (sudo lpm hosts sync needs no daemon).
        lpm.stopDaemon();
        ok("unregister", "lpmtest-db"); // starts the daemon again, which is fine: stop it after
        lpm.stopDaemon();
        assertThat(ok("hosts", "sync", "--file", hosts.toString()).out()).contains("(2 services)");
        assertThat(Files.readString(hosts)).doesNotContain("lpmtest-db").contains("lpmtest-web.localhost");
        assertThat(lpm.daemon()).as("hosts sync does not start an instance").isEmpty();

        assertThat(ok("hosts", "clean", "--file", hosts.toString()).out()).contains("Removed lpm's lines from " + hosts);
        assertThat(Files.readString(hosts)).isEqualTo(ORIGINAL + "192.168.1.9 printer.lan\n");
        assertThat(ok("hosts", "clean", "--file", hosts.toString()).out()).contains("No lpm lines in " + hosts);
        assertThat(Files.list(scratch)).as("no temp files left beside the hosts file").containsExactly(hosts);
    }

    /**
     * A hosts file the user may not write. Root may write any file, so as root the command runs as
     * {@code nobody} (setpriv), the way a user without sudo meets it: a root-owned 0644 file in a
     * root-owned 0755 directory.
     */
    @Test
    void aFileTheUserMayNotWriteNeedsAdminRights() throws Exception {
        Path dir = Files.createDirectories(scratch.resolve("etc"));
        Path file = dir.resolve("hosts");
        Files.writeString(file, ORIGINAL + "# BEGIN lpm managed\n127.0.0.1\told.localhost\n# END lpm managed\n");
        String before = Files.readString(file);
        List<String> asUser = List.of();
        Map<String, String> env = Map.of();
        if (Requirements.isRoot()) {
            Requirements.requireCommand("setpriv", "util-linux");
            // The user's LPM_HOME, and a path to the file that nobody can traverse (JUnit's temp dirs are 0700).
            Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            Path userHome = Files.createDirectories(scratch.resolve("nobody-home"));
            Files.setOwner(userHome, userHome.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
            asUser = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--");
            env = Map.of("LPM_HOME", userHome.resolve("lpm").toString(), "HOME", userHome.toString());
        } else {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        try {
            for (String action : List.of("clean", "sync")) {
                LpmCli.Result refused = lpm.run(asUser, env, Duration.ofSeconds(60), "hosts", action, "--file", file.toString());
                assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
                assertThat(refused.err()).contains(file + " is not writable: editing it needs admin rights: sudo lpm hosts sync");
                assertThat(Files.readString(file)).isEqualTo(before);
            }
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
