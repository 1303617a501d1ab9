package dev.lpm.trust;

import java.util.List;

/** What every place asked says, after a status check, a trust or an untrust. */
public record TrustReport(String caFile, String commonName, String sha1, List<PlaceStatus> places) {

    /** Every place asked trusts the CA (places that do not exist here aside); {@code lpm trust}'s exit 0. */
    public boolean trustedEverywhere() {
        return places.stream().allMatch(p -> p.state() == TrustState.TRUSTED || p.state() == TrustState.ABSENT)
                && places.stream().anyMatch(p -> p.state() == TrustState.TRUSTED);
    }

    /** No place asked trusts it any more and every one could be checked; {@code lpm untrust}'s exit 0. */
    public boolean trustedNowhere() {
        return places.stream().allMatch(p -> p.state() == TrustState.MISSING || p.state() == TrustState.ABSENT);
    }
}
