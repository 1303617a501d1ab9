package dev.lpm.cli;

import dev.lpm.control.TrustView;
import dev.lpm.trust.CaCertificate;
import dev.lpm.trust.TrustReport;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "untrust", description = {
        "Remove lpm's local CA from every place lpm trust puts it (the same places and options); the CA itself stays.",
        "Exit code 0 when no place asked trusts it any more, 1 otherwise (the fix says what is left)."})
final class UntrustCommand implements Callable<Integer> {

    @CommandLine.Mixin
    JsonOption output;

    @CommandLine.Mixin
    TrustOptions options;

    @Override
    public Integer call() {
        CaCertificate ca = TrustOptions.ca(Instance.home());
        TrustReport report = options.places().remove(ca);
        Instance.recheckTrust();
        if (output.json) {
            Output.json(output.out(), TrustView.of(report.trustedNowhere(), report));
        } else {
            TrustOptions.print(report, output.out());
            output.out().println(report.trustedNowhere() ? "Trusted nowhere asked any more."
                    : "Still trusted, or not checked, somewhere: see the fixes above.");
        }
        return report.trustedNowhere() ? 0 : 1;
    }
}
