package dev.lpm.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.ServiceName;
import dev.lpm.core.Settings;
import dev.lpm.enforce.ProcessCommandRunner;
import dev.lpm.testsupport.Requirements;
import dev.lpm.tls.CaStore;
import dev.lpm.trust.CaCertificate;
import dev.lpm.trust.NssDatabase;
import dev.lpm.trust.Trust;
import dev.lpm.trust.TrustCommands;
import dev.lpm.trust.TrustNames;
import dev.lpm.trust.TrustState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instance's trust verdict with NSS's real certutil on a database made for the test: the auto scheme turns an
 * address to https after the CA goes into the browsers' database, and back to http after it leaves.
 */
class InstanceTrustTest {

    private static final ServiceName WEB = ServiceName.of("web");

    @TempDir
    Path dir;

    @Test
    void addressesTurnHttpsOnceTheCaIsInTheNssDatabaseAndBackAfterItLeaves() throws Exception {
        Requirements.requireCommand("certutil", "libnss3-tools");
        Path lpmHome = Files.createDirectories(dir.resolve("lpm-home"));
        Files.setPosixFilePermissions(lpmHome, PosixFilePermissions.fromString("rwx------"));
        Path db = Files.createDirectories(dir.resolve("nssdb"));
        Process create = new ProcessBuilder("certutil", "-N", "--empty-password", "-d", "sql:" + db)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(create.waitFor(60, TimeUnit.SECONDS) && create.exitValue() == 0).as("certutil -N").isTrue();
        NssDatabase nss = new NssDatabase(db, "test", TrustNames.forUser("lpmtest-instance-trust"),
                new TrustCommands(new ProcessCommandRunner(), System.getenv()), "apt-get install libnss3-tools");
        InstanceTrust trust = new InstanceTrust(lpmHome, () -> new Trust(List.of(nss)));

        assertThat(trust.check().places()).singleElement().satisfies(p -> assertThat(p.state()).isEqualTo(TrustState.MISSING));
        assertThat(Settings.DEFAULTS.urlOf(WEB, trust.verdict().trusted())).isEqualTo("http://web.localhost:1355");

        assertThat(trust.trustForUser().places()).singleElement()
                .satisfies(p -> assertThat(p.state()).isEqualTo(TrustState.TRUSTED));
        assertThat(Settings.DEFAULTS.urlOf(WEB, trust.verdict().trusted())).isEqualTo("https://web.localhost:1355");

        CaStore ca = CaStore.open(lpmHome);
        nss.remove(new CaCertificate(ca.certificateFile(), ca.certificate())); // lpm untrust, then its GET /v1/trust:
        trust.check();
        assertThat(Settings.DEFAULTS.urlOf(WEB, trust.verdict().trusted())).isEqualTo("http://web.localhost:1355");
        trust.close();
    }
}
