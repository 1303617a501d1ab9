package dev.lpm.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.enforce.ProcessCommandRunner;
import dev.lpm.testsupport.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One NSS database, changed and read with NSS's real certutil on a database made for the test. */
class NssDatabaseTest {

    @TempDir
    Path dir;

    private static final TrustCommands REAL = new TrustCommands(new ProcessCommandRunner(), System.getenv());

    static void createDatabase(Path db) throws Exception {
        Requirements.requireCommand("certutil", "libnss3-tools");
        Files.createDirectories(db);
        Process process = new ProcessBuilder("certutil", "-N", "--empty-password", "-d", "sql:" + db)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).as("certutil -N").isTrue();
    }

    private static String list(Path db) throws Exception {
        Process process = new ProcessBuilder("certutil", "-L", "-d", "sql:" + db).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    @Test
    void trustThenUntrustChangesTheDatabaseAndBack() throws Exception {
        Path db = dir.resolve("nssdb");
        createDatabase(db);
        CaCertificate ca = TestCa.make(dir, "lpmtest nss CA");
        NssDatabase place = new NssDatabase(db, "test", TrustNames.forUser("lpmtest-nss"), REAL, "apt-get install libnss3-tools");

        PlaceStatus before = place.status(ca);
        assertThat(before.state()).isEqualTo(TrustState.MISSING);
        assertThat(before.message()).isEqualTo("no certificate named 'lpm local CA (lpmtest-nss)'");

        PlaceStatus trusted = place.install(ca);
        assertThat(trusted.state()).as(trusted.toString()).isEqualTo(TrustState.TRUSTED);
        assertThat(list(db)).containsPattern("lpm local CA \\(lpmtest-nss\\)\\s+C,,");

        PlaceStatus removed = place.remove(ca);
        assertThat(removed.state()).isEqualTo(TrustState.MISSING);
        assertThat(list(db)).doesNotContain("lpm local CA");
    }

    @Test
    void anOlderCaUnderTheSameNicknameIsReplacedNotKeptBeside() throws Exception {
        Path db = dir.resolve("nssdb");
        createDatabase(db);
        Path older = Files.createDirectories(dir.resolve("older"));
        CaCertificate old = TestCa.make(older, "lpmtest nss CA");
        CaCertificate current = TestCa.make(dir, "lpmtest nss CA");
        NssDatabase place = new NssDatabase(db, "test", TrustNames.forUser("lpmtest-nss2"), REAL, "apt-get install libnss3-tools");
        place.install(old);

        PlaceStatus stale = place.status(current);
        assertThat(stale.state()).isEqualTo(TrustState.MISSING);
        assertThat(stale.message()).contains("another certificate (an older lpm CA)");

        assertThat(place.install(current).state()).isEqualTo(TrustState.TRUSTED);
        assertThat(place.status(old).state()).isEqualTo(TrustState.MISSING);
    }

    @Test
    void withoutCertutilItSaysHowToGetIt() throws Exception {
        CaCertificate ca = TestCa.make(dir, "lpmtest nss CA");
        NssDatabase place = new NssDatabase(dir, "test", TrustNames.forUser("lpmtest-nss3"),
                new TrustCommands(new RecordedCommands(), Map.of("PATH", dir.toString())),
                NssDatabases.certutilInstall("ID=fedora\n"));

        PlaceStatus status = place.status(ca);

        assertThat(status.state()).isEqualTo(TrustState.UNAVAILABLE);
        assertThat(status.message()).contains("certutil (NSS tools) is not installed");
        assertThat(status.fix()).isEqualTo("sudo dnf install nss-tools");
    }

    @Test
    void theHintFollowsTheDistribution() {
        assertThat(NssDatabases.certutilInstall("ID=debian\n")).isEqualTo("apt-get install libnss3-tools");
        assertThat(NssDatabases.certutilInstall("ID=ubuntu\nID_LIKE=debian\n")).isEqualTo("apt-get install libnss3-tools");
        assertThat(NssDatabases.certutilInstall("ID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\n")).isEqualTo("dnf install nss-tools");
        assertThat(NssDatabases.certutilInstall("ID=arch\n")).isEqualTo("pacman -S nss");
        assertThat(NssDatabases.certutilInstall("ID=manjaro\nID_LIKE=arch\n")).isEqualTo("pacman -S nss");
    }

    @Test
    void theBrowsersDatabasesAreFoundUnderHome() throws Exception {
        createDatabase(dir.resolve(".pki/nssdb"));
        createDatabase(dir.resolve(".mozilla/firefox/abcd1234.default-release"));
        createDatabase(dir.resolve("snap/firefox/common/.mozilla/firefox/xyz.default"));
        Files.createDirectories(dir.resolve(".mozilla/firefox/Crash Reports"));

        assertThat(NssDatabases.under(dir)).extracting(NssDatabases.Found::label).containsExactly(
                "Chromium, Chrome", "Firefox profile abcd1234.default-release", "Firefox profile xyz.default");
        assertThat(NssDatabases.under(dir.resolve("nothing-here"))).isEmpty();
    }
}
