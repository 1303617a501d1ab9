package dev.lpm.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.enforce.CommandResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Windows user Root store against recorded output of Windows' certutil (never run here). */
class WindowsUserRootTest {

    @TempDir
    Path dir;

    private CaCertificate ca;
    private List<String> store;

    @BeforeEach
    void ca() throws Exception {
        ca = TestCa.make(dir, "lpm local CA (alice)");
        store = List.of("certutil", "-user", "-store", "Root", ca.sha1());
    }

    /** certutil -user -store Root HASH, Windows 11, the certificate found (thumbprint as lower-case hex). */
    private static String found(String thumbprint) {
        return """
                Root "Trusted Root Certification Authorities"
                ================ Certificate 0 ================
                Serial Number: 1f6a2e0c9d
                Issuer: CN=lpm local CA (alice)
                 NotBefore: 12/5/2026 9:14 PM
                 NotAfter: 12/5/2036 9:14 PM
                Subject: CN=lpm local CA (alice)
                Signature matches Public Key
                Root Certificate: Subject matches Issuer
                Cert Hash(sha1): %s
                No key provider information
                Cannot find the certificate and private key for decryption.
                CertUtil: -store command completed successfully.
                """.formatted(thumbprint);
    }

    /** certutil -user -store Root HASH when the store has no such certificate (exit 0x80092004). */
    private static final CommandResult NOT_FOUND = new CommandResult(-2146885628, """
            Root "Trusted Root Certification Authorities"
            CertUtil: -store command FAILED: 0x80092004 (-2146885628 CRYPT_E_NOT_FOUND)
            CertUtil: Cannot find object or property.
            """, "");

    @Test
    void trustedWhenTheStoreListsTheThumbprint() {
        RecordedCommands certutil = new RecordedCommands()
                .answer(store, new CommandResult(0, found(ca.sha1().toLowerCase(java.util.Locale.ROOT)), ""));

        assertThat(new WindowsUserRoot(certutil.commands()).status(ca).state()).isEqualTo(TrustState.TRUSTED);
    }

    @Test
    void olderCertutilPrintsTheThumbprintWithSpaces() {
        String spaced = ca.sha1().replaceAll("(..)(?!$)", "$1 ").toLowerCase(java.util.Locale.ROOT);
        assertThat(WindowsUserRoot.hasThumbprint(found(spaced), ca.sha1())).isTrue();
        assertThat(WindowsUserRoot.hasThumbprint(found(spaced), "00" + ca.sha1().substring(2))).isFalse();
    }

    @Test
    void missingSaysSoWithTheThumbprint() {
        RecordedCommands certutil = new RecordedCommands().answer(store, NOT_FOUND);

        PlaceStatus status = new WindowsUserRoot(certutil.commands()).status(ca);

        assertThat(status.state()).isEqualTo(TrustState.MISSING);
        assertThat(status.message()).contains(ca.sha1());
        assertThat(status.fix()).isEqualTo("lpm trust");
    }

    @Test
    void installAddsToTheUsersRootStoreAndRemoveDeletesByThumbprint() {
        List<String> add = List.of("certutil", "-user", "-addstore", "Root", ca.pemFile().toString());
        List<String> delete = List.of("certutil", "-user", "-delstore", "Root", ca.sha1());
        RecordedCommands certutil = new RecordedCommands()
                .answer(store, NOT_FOUND, new CommandResult(0, found(ca.sha1()), ""), new CommandResult(0, found(ca.sha1()), ""),
                        NOT_FOUND)
                .answer(add, new CommandResult(0, "Root \"Trusted Root Certification Authorities\"\n"
                        + "Certificate \"lpm local CA (alice)\" added to store.\nCertUtil: -addstore command completed successfully.\n", ""))
                .answer(delete, new CommandResult(0, "Root \"Trusted Root Certification Authorities\"\n"
                        + "Deleting Certificate 0\nCertUtil: -delstore command completed successfully.\n", ""));
        WindowsUserRoot root = new WindowsUserRoot(certutil.commands());

        assertThat(root.install(ca).state()).isEqualTo(TrustState.TRUSTED);
        assertThat(root.remove(ca).state()).isEqualTo(TrustState.MISSING);
        assertThat(certutil.ran()).containsSubsequence(add, delete);
    }
}
