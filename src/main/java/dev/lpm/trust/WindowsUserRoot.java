package dev.lpm.trust;

import dev.lpm.enforce.CommandResult;
import java.util.List;
import java.util.Locale;

/**
 * The current user's "Trusted Root Certification Authorities" store on Windows, through {@code certutil -user}
 * (Windows asks the user to confirm in a dialog; no admin rights needed), found and removed by the CA's SHA-1
 * thumbprint. Built and tested on recorded output of certutil only; never run on Windows by lpm's tests.
 */
public final class WindowsUserRoot implements TrustPlace {

    private final TrustCommands commands;

    public WindowsUserRoot(TrustCommands commands) {
        this.commands = commands;
    }

    @Override
    public String name() {
        return "Windows user store Root (Trusted Root Certification Authorities)";
    }

    @Override
    public PlaceStatus status(CaCertificate ca) {
        CommandResult listed = commands.run(List.of("certutil", "-user", "-store", "Root", ca.sha1()));
        if (listed.ok() && hasThumbprint(listed.stdout(), ca.sha1())) {
            return PlaceStatus.trusted(name(), "'" + ca.commonName() + "' (sha1 " + ca.sha1() + ")");
        }
        return PlaceStatus.missing(name(), "the store does not hold the CA (sha1 " + ca.sha1() + ")", "lpm trust");
    }

    @Override
    public PlaceStatus install(CaCertificate ca) {
        if (status(ca).state() != TrustState.TRUSTED) {
            commands.runOk(List.of("certutil", "-user", "-addstore", "Root", ca.pemFile().toString()));
        }
        return status(ca);
    }

    @Override
    public PlaceStatus remove(CaCertificate ca) {
        if (status(ca).state() == TrustState.TRUSTED) {
            commands.runOk(List.of("certutil", "-user", "-delstore", "Root", ca.sha1()));
        }
        return status(ca);
    }

    /** certutil prints "Cert Hash(sha1): hex" (older versions with a space between bytes). */
    static boolean hasThumbprint(String output, String sha1) {
        return output.lines().map(String::strip).filter(line -> line.toLowerCase(Locale.ROOT).startsWith("cert hash(sha1):"))
                .map(line -> line.substring(line.indexOf(':') + 1).replace(" ", "").strip())
                .anyMatch(hex -> hex.equalsIgnoreCase(sha1));
    }
}
