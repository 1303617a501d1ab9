package dev.lpm.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LPM_HOME is used only when it and everything in it is the user's own (ssh's StrictModes). */
class HomeOwnershipTest {

    /** nobody: an account that is never the one running the tests. */
    private static final int OTHER_UID = 65534;

    @TempDir
    Path tmp;

    private Path home(String mode) throws Exception {
        Path dir = tmp.resolve("lpmtest-home");
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
        return dir;
    }

    private static void chown(Path path, int uid) throws Exception {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    }

    private static void assumeRoot() throws Exception {
        assumeTrue(ProcessOwner.uid() == 0, "changing a file's owner needs root");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aMissingHomeIsCreatedOwnerOnlyWithItsLogs() throws Exception {
        Path dir = tmp.resolve("lpmtest-new").resolve("lpm");
        LpmHome home = new LpmHome(dir).ensureExists();
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(home.logs())).isEqualTo("rwx------");
    }

    @Test
    void verifiedLeavesAMissingHomeAlone() {
        Path dir = tmp.resolve("lpmtest-absent");
        new LpmHome(dir).verified();
        assertThat(dir).doesNotExist();
    }

    @Test
    void aHomeOwnedByAnotherUserIsRefusedWithTheFix() throws Exception {
        assumeRoot();
        Path dir = home("rwx------");
        chown(dir, OTHER_UID);
        assertThatThrownBy(() -> new LpmHome(dir).ensureExists())
                .isInstanceOf(UntrustedHomeException.class)
                .hasMessageContaining("LPM_HOME " + dir + " is not safe to use")
                .hasMessageContaining("belongs to uid 65534, not to you (uid 0)")
                .hasMessageContaining("chown -R 0 " + dir);
        assertThat(dir.resolve("logs")).doesNotExist();
        assertThatThrownBy(() -> new LpmHome(dir).verified()).isInstanceOf(UntrustedHomeException.class);
    }

    @Test
    void rootReadingTheHomeOfTheUserWhoRanSudoTrustsItOnlyIfItIsTheirs() throws Exception {
        assumeRoot();
        Path dir = home("rwx------");
        Path services = Files.writeString(dir.resolve("services.json"), "{}");
        chown(dir, OTHER_UID);
        chown(services, OTHER_UID);
        new LpmHome(dir).verifiedFor(OTHER_UID);
        chown(services, 0);
        assertThatThrownBy(() -> new LpmHome(dir).verifiedFor(OTHER_UID))
                .isInstanceOf(UntrustedHomeException.class)
                .hasMessageContaining(services + " belongs to uid 0, not to you (uid 65534)");
    }

    @Test
    void aPlantedStateFileOwnedByAnotherUserIsRefused() throws Exception {
        assumeRoot();
        Path dir = home("rwx------");
        Path planted = Files.writeString(dir.resolve("services.json"), "{\"version\":1,\"services\":[]}");
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rw-------"));
        chown(planted, OTHER_UID);
        assertThatThrownBy(() -> new LpmHome(dir).ensureExists())
                .isInstanceOf(UntrustedHomeException.class)
                .hasMessageContaining(planted + " belongs to uid 65534");
    }

    @Test
    void aLogsDirectoryThatIsASymlinkIsRefusedAndNothingIsWrittenThroughIt() throws Exception {
        Path dir = home("rwx------");
        Path elsewhere = Files.createDirectory(tmp.resolve("lpmtest-elsewhere"));
        Files.createSymbolicLink(dir.resolve("logs"), elsewhere);
        assertThatThrownBy(() -> new LpmHome(dir).ensureExists())
                .isInstanceOf(UntrustedHomeException.class)
                .hasMessageContaining(dir.resolve("logs") + " is a symbolic link")
                .hasMessageContaining("rm " + dir.resolve("logs"));
        try (var written = Files.list(elsewhere)) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void aStateFileThatIsASymlinkIsRefused() throws Exception {
        Path dir = home("rwx------");
        Path target = Files.writeString(tmp.resolve("lpmtest-target.json"), "{}");
        Files.createSymbolicLink(dir.resolve("settings.json"), target);
        assertThatThrownBy(() -> new LpmHome(dir).verified())
                .isInstanceOf(UntrustedHomeException.class)
                .hasMessageContaining("settings.json is a symbolic link");
    }

    @Test
    void aHomeThatIsItselfASymlinkIsRefused() throws Exception {
        Path real = home("rwx------");
        Path link = Files.createSymbolicLink(tmp.resolve("lpmtest-link"), real);
        assertThatThrownBy(() -> new LpmHome(link).ensureExists())
                .isInstanceOf(UntrustedHomeException.class)
                .hasMessageContaining(link + " is a symbolic link");
    }

    @Test
    void aWorldWritableHomeIsRefused() throws Exception {
        Path dir = home("rwxrwxrwx");
        assertThatThrownBy(() -> new LpmHome(dir).ensureExists())
                .isInstanceOf(UntrustedHomeException.class)
                .hasMessageContaining("can be written by other users (mode rwxrwxrwx (777))")
                .hasMessageContaining("chmod 700 " + dir);
    }

    @Test
    void aGroupWritableHomeIsRefused() throws Exception {
        Path dir = home("rwxrwx---");
        assertThatThrownBy(() -> new LpmHome(dir).ensureExists())
                .isInstanceOf(UntrustedHomeException.class)
                .hasMessageContaining("chmod 700 " + dir);
    }

    @Test
    void aGroupWritableFileInAHomeOthersCanEnterIsRefused() throws Exception {
        Path dir = home("rwxr-xr-x");
        Path services = Files.writeString(dir.resolve("services.json"), "{}");
        Files.setPosixFilePermissions(services, PosixFilePermissions.fromString("rw-rw-r--"));
        assertThatThrownBy(() -> new LpmHome(dir).ensureExists())
                .isInstanceOf(UntrustedHomeException.class)
                .hasMessageContaining(services + " can be written by other users")
                .hasMessageContaining("chmod -R go-w " + dir);
        assertThat(mode(dir)).as("nothing tightened on a refused home").isEqualTo("rwxr-xr-x");
    }

    @Test
    void aWorldWritableFileInAHomeOthersCanEnterIsRefused() throws Exception {
        Path dir = home("rwx--x--x");
        Path logs = Files.createDirectory(dir.resolve("logs"));
        Path log = Files.writeString(logs.resolve("daemon.log"), "x");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--rw-"));
        assertThatThrownBy(() -> new LpmHome(dir).verified())
                .isInstanceOf(UntrustedHomeException.class)
                .hasMessageContaining(log + " can be written by other users");
    }

    @Test
    void looseModesAnOlderLpmLeftInAnOwnerOnlyHomeAreTightened() throws Exception {
        // umask 002: logs 0775 and their files 0664, inside the 0700 home every lpm made.
        Path dir = home("rwx------");
        Path logs = Files.createDirectory(dir.resolve("logs"));
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxrwxr-x"));
        Path log = Files.writeString(logs.resolve("api.log"), "x");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-rw-r--"));
        new LpmHome(dir).ensureExists();
        assertThat(mode(logs)).isEqualTo("rwxr-xr-x");
        assertThat(mode(log)).isEqualTo("rw-r--r--");
    }

    @Test
    void aHomeOthersCanReadButNotWriteIsMadeOwnerOnly() throws Exception {
        Path dir = home("rwxr-xr-x");
        new LpmHome(dir).ensureExists();
        assertThat(mode(dir)).isEqualTo("rwx------");
    }

    @Test
    void aFifoIsRefused() throws Exception {
        Path dir = home("rwx------");
        Path fifo = dir.resolve("services.json");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
        assertThatThrownBy(() -> new LpmHome(dir).ensureExists())
                .isInstanceOf(UntrustedHomeException.class)
                .hasMessageContaining(fifo + " is not a directory, file or socket")
                .hasMessageContaining("rm " + fifo);
    }
}
