package dev.lpm.cli;

import dev.lpm.config.LpmHome;
import dev.lpm.control.TrustView;
import dev.lpm.trust.CaCertificate;
import dev.lpm.trust.TrustReport;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "trust", description = {
        "Make this machine's browsers and tools trust lpm's local CA, so https://NAME.localhost:1355 opens without a"
                + " warning; --status only checks.",
        "Places: the system store (Debian/Ubuntu, Fedora/RHEL, Arch: as a normal user lpm prints the sudo commands;"
                + " macOS login keychain; Windows user Root store), the NSS databases of Chromium and Firefox (needs"
                + " certutil: apt-get install libnss3-tools), and a Java truststore when named. Each place says what is"
                + " missing and how to fix it. LPM_TRUST_SYSTEM=debian|fedora|arch|none picks the system store.",
        "Exit code 0 when every place asked trusts the CA, 1 otherwise."})
final class TrustCommand implements Callable<Integer> {

    @CommandLine.Mixin
    JsonOption output;

    @CommandLine.Mixin
    TrustOptions options;

    @Option(names = "--status", description = "only check each place and say what is missing; change nothing")
    boolean status;

    @Override
    public Integer call() {
        LpmHome home = Instance.home();
        CaCertificate ca = TrustOptions.ca(home);
        TrustReport report = status ? options.places().status(ca) : options.places().install(ca);
        Instance.recheckTrust();
        if (output.json) {
            Output.json(output.out(), TrustView.of(report.trustedEverywhere(), report));
        } else {
            TrustOptions.print(report, output.out());
            output.out().println(report.trustedEverywhere() ? "Trusted everywhere asked."
                    : "Not trusted everywhere: see the fixes above.");
        }
        return report.trustedEverywhere() ? 0 : 1;
    }
}
