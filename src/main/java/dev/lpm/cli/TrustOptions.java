package dev.lpm.cli;

import dev.lpm.config.LpmHome;
import dev.lpm.tls.CaStore;
import dev.lpm.tls.CaUnusableException;
import dev.lpm.trust.CaCertificate;
import dev.lpm.trust.PlaceKind;
import dev.lpm.trust.PlaceStatus;
import dev.lpm.trust.Trust;
import dev.lpm.trust.TrustException;
import dev.lpm.trust.TrustReport;
import dev.lpm.trust.TrustSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options {@code lpm trust} and {@code lpm untrust} share: which places, and how a report is printed. */
final class TrustOptions {

    /** The words of --only, as users type them (and completion offers them). */
    enum Place {
        system(PlaceKind.SYSTEM), nss(PlaceKind.NSS), java(PlaceKind.JAVA);

        final PlaceKind kind;

        Place(PlaceKind kind) {
            this.kind = kind;
        }
    }

    @Option(names = "--only", split = ",", paramLabel = "PLACE",
            description = "only these places: system (the OS store), nss (Chromium's and Firefox's databases), java"
                    + " (a truststore; needs --java-truststore). Default: system and nss, and java when a truststore is named")
    List<Place> only = new ArrayList<>();

    @Option(names = "--nss-db", paramLabel = "DIR",
            description = "this NSS database directory instead of the ones found under $HOME (repeatable)")
    List<Path> nssDatabases = new ArrayList<>();

    @Option(names = "--java-truststore", paramLabel = "FILE",
            description = "also this PKCS12 truststore (default: $" + TrustSettings.JAVA_TRUSTSTORE_ENV + "); its password is $"
                    + TrustSettings.TRUSTSTORE_PASSWORD_ENV + ", default changeit")
    Path javaTrustStore;

    Trust places() {
        refuseSudo(System.getenv());
        try {
            return Trust.of(TrustSettings.forThisProcess(only.stream().map(p -> p.kind).collect(java.util.stream.Collectors.toSet()), nssDatabases,
                    javaTrustStore));
        } catch (TrustException e) {
            throw new CliException(e.getMessage());
        }
    }

    /**
     * The CA is the user's (their LPM_HOME, their names, their browser databases): under sudo every one of those
     * would be root's. As the user, lpm says the sudo commands the system store needs.
     */
    private static void refuseSudo(Map<String, String> env) {
        if (env.get("SUDO_USER") != null && env.get(LpmHome.ENV) == null && TrustSettings.isRoot()) {
            throw new CliException("run lpm trust/untrust as yourself, not with sudo: the CA, the names and the browser"
                    + " databases are your user's; lpm prints the sudo commands the system store needs");
        }
    }

    /**
     * lpm's CA, made now if this user has none yet (CaStore decides where it lives; the instance makes the same one
     * when it first serves HTTPS). Untrust and --status open it too: a CA made there is one nothing trusts, which is
     * what they then report.
     */
    static CaCertificate ca(LpmHome home) {
        try {
            return CaCertificate.of(CaStore.open(home.dir()));
        } catch (CaUnusableException e) {
            throw new CliException(e.getMessage());
        }
    }

    static void print(TrustReport report, PrintWriter out) {
        out.println("CA: " + report.commonName() + " (" + report.caFile() + ", SHA-1 " + report.sha1() + ")");
        for (PlaceStatus place : report.places()) {
            out.printf("%-11s  %s%n", place.state().name().toLowerCase(java.util.Locale.ROOT), place.place());
            out.printf("%-11s  %s%n", "", place.message());
            if (!place.fix().isEmpty()) {
                out.printf("%-11s  fix: %s%n", "", place.fix());
            }
        }
    }
}
