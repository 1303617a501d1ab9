package dev.lpm.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.enforce.CommandResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The macOS keychain place against recorded output of macOS's security tool (never run here). */
class MacKeychainTest {

    private static final Path KEYCHAIN = Path.of("/Users/alice/Library/Keychains/login.keychain-db");

    @TempDir
    Path dir;

    private CaCertificate ca;
    private List<String> find;

    @BeforeEach
    void ca() throws Exception {
        ca = TestCa.make(dir, "lpm local CA (alice)");
        find = List.of("security", "find-certificate", "-a", "-Z", "-c", "lpm local CA (alice)", KEYCHAIN.toString());
    }

    /** security find-certificate -a -Z -c NAME KEYCHAIN, macOS 14, one match. */
    private String found(String sha1) {
        return """
                SHA-256 hash: 6D2C4B5E0A33F16F2A7D1C3E6E0F7A94B4C8B7B5F0E4C91D2A1F3E5C7B9D0A12
                SHA-1 hash: %s
                keychain: "/Users/alice/Library/Keychains/login.keychain-db"
                version: 512
                class: 0x80001000
                attributes:
                    "alis"<blob>="lpm local CA (alice)"
                    "cenc"<uint32>=0x00000003
                    "ctyp"<uint32>=0x00000001
                    "labl"<blob>="lpm local CA (alice)"
                """.formatted(sha1);
    }

    private static final CommandResult NOT_FOUND = new CommandResult(44, "",
            "security: SecKeychainSearchCopyNext: The specified item could not be found in the keychain.\n");

    /** security dump-trust-settings with lpm's CA trusted for this user. */
    private static final String TRUST_SETTINGS = """
            Number of trusted certs = 1
            Cert 0: lpm local CA (alice)
               Number of trust settings : 10
               Trust Setting 0:
                  Policy OID            : SSL
                  Allowed Error         : CSSMERR_TP_CERT_EXPIRED
                  Result Type           : kSecTrustSettingsResultTrustRoot
            """;

    private static final CommandResult NO_TRUST_SETTINGS = new CommandResult(1, "",
            "SecTrustSettingsCopyCertificates: No Trust Settings were found.\n");

    @Test
    void trustedWhenTheKeychainHoldsItAndTheUserTrustSettingsNameIt() {
        RecordedCommands security = new RecordedCommands()
                .answer(find, new CommandResult(0, found(ca.sha1()), ""))
                .answer(List.of("security", "dump-trust-settings"), new CommandResult(0, TRUST_SETTINGS, ""));

        PlaceStatus status = new MacKeychain(KEYCHAIN, security.commands()).status(ca);

        assertThat(status.state()).as(status.toString()).isEqualTo(TrustState.TRUSTED);
    }

    @Test
    void anotherCertificateOfTheSameNameIsNotTrust() {
        RecordedCommands security = new RecordedCommands()
                .answer(find, new CommandResult(0, found("0000000000000000000000000000000000000000"), ""))
                .answer(List.of("security", "dump-trust-settings"), new CommandResult(0, TRUST_SETTINGS, ""));

        PlaceStatus status = new MacKeychain(KEYCHAIN, security.commands()).status(ca);

        assertThat(status.state()).isEqualTo(TrustState.MISSING);
        assertThat(status.message()).contains("does not hold the CA").contains(ca.sha1());
        assertThat(status.fix()).isEqualTo("lpm trust");
    }

    @Test
    void inTheKeychainWithoutTrustSettingsSaysWhatIsMissing() {
        RecordedCommands security = new RecordedCommands()
                .answer(find, new CommandResult(0, found(ca.sha1()), ""))
                .answer(List.of("security", "dump-trust-settings"), NO_TRUST_SETTINGS);

        PlaceStatus status = new MacKeychain(KEYCHAIN, security.commands()).status(ca);

        assertThat(status.state()).isEqualTo(TrustState.MISSING);
        assertThat(status.message()).contains("trust settings do not trust it");
    }

    @Test
    void installAddsItAsATrustedRootOfTheLoginKeychain() {
        List<String> add = List.of("security", "add-trusted-cert", "-r", "trustRoot", "-k", KEYCHAIN.toString(),
                ca.pemFile().toString());
        RecordedCommands security = new RecordedCommands()
                .answer(find, NOT_FOUND, new CommandResult(0, found(ca.sha1()), ""))
                .answer(add, new CommandResult(0, "", ""))
                .answer(List.of("security", "dump-trust-settings"), new CommandResult(0, TRUST_SETTINGS, ""));

        PlaceStatus status = new MacKeychain(KEYCHAIN, security.commands()).install(ca);

        assertThat(security.ran()).contains(add);
        assertThat(status.state()).as(status.toString()).isEqualTo(TrustState.TRUSTED);
    }

    @Test
    void removeDropsTheTrustSettingsAndDeletesExactlyThisCertificate() {
        List<String> delete = List.of("security", "delete-certificate", "-Z", ca.sha1(), KEYCHAIN.toString());
        RecordedCommands security = new RecordedCommands()
                .answer(List.of("security", "remove-trusted-cert", ca.pemFile().toString()), new CommandResult(0, "", ""))
                .answer(find, new CommandResult(0, found(ca.sha1()), ""), NOT_FOUND)
                .answer(delete, new CommandResult(0, "", ""))
                .answer(List.of("security", "dump-trust-settings"), NO_TRUST_SETTINGS);

        PlaceStatus status = new MacKeychain(KEYCHAIN, security.commands()).remove(ca);

        assertThat(security.ran()).containsSubsequence(
                List.of("security", "remove-trusted-cert", ca.pemFile().toString()), delete);
        assertThat(status.state()).isEqualTo(TrustState.MISSING);
    }
}
