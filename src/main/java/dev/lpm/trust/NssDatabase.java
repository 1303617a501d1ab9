package dev.lpm.trust;

import dev.lpm.enforce.CommandResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;

/**
 * One NSS database (Chromium's ~/.pki/nssdb, a Firefox profile's cert9.db), changed with NSS's own certutil
 * (libnss3-tools): the CA under lpm's nickname with trust {@code C,,} (a CA trusted to issue server certificates).
 */
public final class NssDatabase implements TrustPlace {

    /** Removing stops after this many certificates of lpm's nickname: more means certutil is not deleting. */
    private static final int MAX_SAME_NICKNAME = 16;

    private final Path dir;
    private final String label;
    private final TrustNames names;
    private final TrustCommands commands;
    private final String installHint;

    /** {@code installHint}: how to get certutil on this distribution, e.g. "apt-get install libnss3-tools". */
    public NssDatabase(Path dir, String label, TrustNames names, TrustCommands commands, String installHint) {
        this.dir = dir;
        this.label = label;
        this.names = names;
        this.commands = commands;
        this.installHint = installHint;
    }

    @Override
    public String name() {
        return "NSS " + dir + " (" + label + ")";
    }

    private String db() {
        return "sql:" + dir;
    }

    @Override
    public PlaceStatus status(CaCertificate ca) {
        if (!commands.available("certutil")) {
            return PlaceStatus.unavailable(name(), "certutil (NSS tools) is not installed, so this database cannot be"
                    + " checked or changed", "sudo " + installHint);
        }
        if (!java.nio.file.Files.isRegularFile(dir.resolve("cert9.db"))) {
            return PlaceStatus.unavailable(name(), dir + " has no cert9.db", "start the browser once so it creates it");
        }
        CommandResult found = commands.run(List.of("certutil", "-d", db(), "-L", "-n", names.nickname(), "-a"));
        if (!found.ok()) {
            return PlaceStatus.missing(name(), "no certificate named '" + names.nickname() + "'", "lpm trust");
        }
        if (!holds(found.stdout(), ca)) {
            return PlaceStatus.missing(name(), "'" + names.nickname() + "' is another certificate (an older lpm CA)",
                    "lpm trust");
        }
        String flags = trustFlags(commands.runOk(List.of("certutil", "-d", db(), "-L")).stdout());
        if (!flags.split(",", -1)[0].contains("C")) {
            return PlaceStatus.missing(name(), "'" + names.nickname() + "' is there but not trusted for websites"
                    + " (trust " + flags + ", needs C,,)", "lpm trust");
        }
        return PlaceStatus.trusted(name(), "'" + names.nickname() + "' trusted for websites (" + flags + ")");
    }

    @Override
    public PlaceStatus install(CaCertificate ca) {
        PlaceStatus before = status(ca);
        if (before.state() != TrustState.MISSING) {
            return before;
        }
        deleteAll(); // an older lpm CA under the same nickname would otherwise stay beside the new one
        commands.runOk(List.of("certutil", "-d", db(), "-A", "-t", "C,,", "-n", names.nickname(),
                "-i", ca.pemFile().toString()));
        return status(ca);
    }

    @Override
    public PlaceStatus remove(CaCertificate ca) {
        PlaceStatus before = status(ca);
        if (before.state() == TrustState.UNAVAILABLE) {
            return before;
        }
        deleteAll();
        return status(ca);
    }

    private void deleteAll() {
        for (int i = 0; i < MAX_SAME_NICKNAME; i++) {
            if (!commands.run(List.of("certutil", "-d", db(), "-L", "-n", names.nickname())).ok()) {
                return;
            }
            commands.runOk(List.of("certutil", "-d", db(), "-D", "-n", names.nickname()));
        }
        throw new TrustException("certutil -D did not remove '" + names.nickname() + "' from " + dir);
    }

    /** Whether certutil's {@code -a} output (one or more PEM blocks) includes the CA. */
    private static boolean holds(String pem, CaCertificate ca) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .contains(ca.certificate());
        } catch (CertificateException e) {
            return false;
        }
    }

    /** The trust attributes of lpm's nickname in {@code certutil -L}'s table ("NICK    C,,"); "" when absent. */
    String trustFlags(String listing) {
        for (String line : listing.split("\n")) {
            String trimmed = line.stripTrailing();
            if (trimmed.startsWith(names.nickname() + " ")) {
                return trimmed.substring(names.nickname().length()).strip();
            }
        }
        return "";
    }
}
