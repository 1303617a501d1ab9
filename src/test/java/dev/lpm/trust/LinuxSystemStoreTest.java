package dev.lpm.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpm.testsupport.Requirements;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux system store as a normal user: nothing is run, the answer is the exact sudo commands. (Root's
 * path, the real update-ca-certificates, is TrustIT's.)
 */
class LinuxSystemStoreTest {

    @TempDir
    Path dir;

    @Test
    void aNormalUserGetsTheSudoCommandsAndNothingRuns() throws Exception {
        Requirements.requireCommand("update-ca-certificates", "ca-certificates");
        CaCertificate ca = TestCa.make(dir, "lpm local CA (alice)");
        RecordedCommands none = new RecordedCommands();
        LinuxSystemStore store = new LinuxSystemStore(SystemStoreLayout.DEBIAN, TrustNames.forUser("alice"),
                new TrustCommands(none, Map.of("PATH", "/usr/bin:/bin")), false);

        PlaceStatus installed = store.install(ca);

        assertThat(none.ran()).isEmpty();
        assertThat(installed.state()).isEqualTo(TrustState.MISSING);
        assertThat(installed.message()).contains("needs root");
        assertThat(installed.fix()).isEqualTo("sudo install -m 0644 " + ca.pemFile()
                + " /usr/local/share/ca-certificates/lpm-ca-alice.crt && sudo update-ca-certificates");
        // Not trusted: nothing to remove, so no command either.
        assertThat(store.remove(ca).fix()).startsWith("lpm trust, or: sudo install");
        assertThat(none.ran()).isEmpty();
    }

    @Test
    void removalRefreshesDebianFreshSoTheLinkGoesToo() {
        LinuxSystemStore store = new LinuxSystemStore(SystemStoreLayout.DEBIAN, TrustNames.forUser("alice"),
                new TrustCommands(new RecordedCommands(), Map.of()), false);
        assertThat(LinuxSystemStore.sudo(store.removeCommands())).isEqualTo(
                "sudo rm -f /usr/local/share/ca-certificates/lpm-ca-alice.crt && sudo update-ca-certificates --fresh");
    }

    @Test
    void fedoraAndArchUseUpdateCaTrustWithTheirAnchorsDirectories() throws Exception {
        CaCertificate ca = TestCa.make(dir, "lpm local CA (bob)");
        TrustCommands commands = new TrustCommands(new RecordedCommands(), Map.of());
        assertThat(LinuxSystemStore.sudo(new LinuxSystemStore(SystemStoreLayout.FEDORA, TrustNames.forUser("bob"), commands,
                false).installCommands(ca))).isEqualTo("sudo install -m 0644 " + ca.pemFile()
                + " /etc/pki/ca-trust/source/anchors/lpm-ca-bob.pem && sudo update-ca-trust extract");
        assertThat(LinuxSystemStore.sudo(new LinuxSystemStore(SystemStoreLayout.ARCH, TrustNames.forUser("bob"), commands,
                false).installCommands(ca))).isEqualTo("sudo install -m 0644 " + ca.pemFile()
                + " /etc/ca-certificates/trust-source/anchors/lpm-ca-bob.crt && sudo update-ca-trust");
    }

    @Test
    void aMissingRefreshToolIsNamedWithItsPackage() throws Exception {
        CaCertificate ca = TestCa.make(dir, "lpm local CA (carol)");
        LinuxSystemStore store = new LinuxSystemStore(SystemStoreLayout.FEDORA, TrustNames.forUser("carol"),
                new TrustCommands(new RecordedCommands(), Map.of("PATH", dir.toString())), true);
        Requirements.require(!java.nio.file.Files.exists(Path.of("/usr/sbin/update-ca-trust")),
                "needs a machine without update-ca-trust in /usr/sbin (a Debian one)");

        PlaceStatus status = store.install(ca);

        assertThat(status.state()).isEqualTo(TrustState.UNAVAILABLE);
        assertThat(status.message()).isEqualTo("update-ca-trust is not installed");
        assertThat(status.fix()).isEqualTo("install the package ca-certificates");
    }

    @Test
    void lpmTrustSystemPicksTheLayoutOrNoneAndRefusesOtherWords() {
        assertThat(SystemStoreLayout.choose("fedora")).contains(SystemStoreLayout.FEDORA);
        assertThat(SystemStoreLayout.choose("none")).isEmpty();
        assertThatThrownBy(() -> SystemStoreLayout.choose("gentoo")).isInstanceOf(TrustException.class)
                .hasMessageContaining("not one of debian, fedora, arch, none");
    }
}
