package dev.lpm.control;

import dev.lpm.trust.PlaceStatus;
import dev.lpm.trust.TrustReport;
import java.util.List;
import java.util.Locale;

/**
 * The stable JSON of GET /v1/trust, {@code lpm trust --json} and {@code lpm untrust --json}: {@code ok} is what
 * the exit code says (trusted everywhere asked, or nowhere any more), then the CA and each place with state
 * trusted, missing, absent or unavailable, its message and its fix.
 */
public record TrustView(boolean ok, String caFile, String commonName, String sha1, List<Place> places) {

    public record Place(String place, String state, String message, String fix) {}

    public static TrustView of(boolean ok, TrustReport report) {
        return new TrustView(ok, report.caFile(), report.commonName(), report.sha1(), report.places().stream()
                .map(TrustView::place).toList());
    }

    private static Place place(PlaceStatus status) {
        return new Place(status.place(), status.state().name().toLowerCase(Locale.ROOT), status.message(), status.fix());
    }
}
