package dev.lpm.trust;

import dev.lpm.enforce.CommandResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The user's login keychain on macOS, through {@code security}: the CA added with trust settings "trustRoot"
 * for this user (macOS asks for the password in a dialog), removed by its SHA-1. Built and tested on recorded
 * output of {@code security} only; never run on a Mac by lpm's tests.
 */
public final class MacKeychain implements TrustPlace {

    private final Path keychain;
    private final TrustCommands commands;

    /** {@code keychain}: normally ~/Library/Keychains/login.keychain-db. */
    public MacKeychain(Path keychain, TrustCommands commands) {
        this.keychain = keychain;
        this.commands = commands;
    }

    public static Path loginKeychain(Path home) {
        return home.resolve("Library/Keychains/login.keychain-db");
    }

    @Override
    public String name() {
        return "macOS keychain " + keychain;
    }

    @Override
    public PlaceStatus status(CaCertificate ca) {
        CommandResult found = commands.run(List.of("security", "find-certificate", "-a", "-Z", "-c", ca.commonName(),
                keychain.toString()));
        if (!found.ok() || !hasSha1(found.stdout(), ca.sha1())) {
            return PlaceStatus.missing(name(), "the keychain does not hold the CA (SHA-1 " + ca.sha1() + ")", "lpm trust");
        }
        CommandResult trust = commands.run(List.of("security", "dump-trust-settings"));
        if (!trust.ok() || !trustSettingsName(trust.stdout(), ca.commonName())) {
            return PlaceStatus.missing(name(), "the keychain holds the CA but this user's trust settings do not"
                    + " trust it", "lpm trust");
        }
        return PlaceStatus.trusted(name(), "'" + ca.commonName() + "' in the keychain, trusted as a root for this user");
    }

    @Override
    public PlaceStatus install(CaCertificate ca) {
        PlaceStatus before = status(ca);
        if (before.state() == TrustState.TRUSTED) {
            return before;
        }
        commands.runOk(installCommand(ca));
        return status(ca);
    }

    @Override
    public PlaceStatus remove(CaCertificate ca) {
        // Trust settings first (they outlive the certificate otherwise); absent ones make it fail, which is fine.
        commands.run(List.of("security", "remove-trusted-cert", ca.pemFile().toString()));
        CommandResult found = commands.run(List.of("security", "find-certificate", "-a", "-Z", "-c", ca.commonName(),
                keychain.toString()));
        if (found.ok() && hasSha1(found.stdout(), ca.sha1())) {
            commands.runOk(List.of("security", "delete-certificate", "-Z", ca.sha1(), keychain.toString()));
        }
        return status(ca);
    }

    List<String> installCommand(CaCertificate ca) {
        return List.of("security", "add-trusted-cert", "-r", "trustRoot", "-k", keychain.toString(), ca.pemFile().toString());
    }

    /** find-certificate -Z prints "SHA-1 hash: HEX" per certificate found. */
    static boolean hasSha1(String output, String sha1) {
        return output.lines().map(String::strip).anyMatch(line -> line.toUpperCase(Locale.ROOT)
                .equals("SHA-1 HASH: " + sha1.toUpperCase(Locale.ROOT)));
    }

    /** dump-trust-settings prints "Cert N: NAME" for every certificate with trust settings of this user. */
    static boolean trustSettingsName(String output, String commonName) {
        return output.lines().map(String::strip).anyMatch(line -> line.matches("Cert \\d+: .*")
                && line.substring(line.indexOf(':') + 1).strip().equals(commonName));
    }
}
