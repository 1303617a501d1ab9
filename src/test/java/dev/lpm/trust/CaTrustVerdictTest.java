package dev.lpm.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CaTrustVerdictTest {

    private static TrustReport report(PlaceStatus... places) {
        return new TrustReport("/tmp/ca.pem", "lpm local CA", "AB", List.of(places));
    }

    @Test
    void oneTrustingPlaceIsEnoughAndTheLastReportDecides() {
        CaTrustVerdict verdict = new CaTrustVerdict();
        assertThat(verdict.trusted()).as("unknown until checked: http").isFalse();

        verdict.accept(report(PlaceStatus.missing("system store", "not there", "sudo ..."),
                PlaceStatus.trusted("NSS ~/.pki/nssdb", "trusts it")));
        assertThat(verdict.trusted()).isTrue();

        verdict.accept(report(PlaceStatus.missing("system store", "not there", "sudo ..."),
                PlaceStatus.absent("NSS ~/.mozilla", "no profile", ""),
                PlaceStatus.unavailable("NSS ~/.pki/nssdb", "no certutil", "apt-get install libnss3-tools")));
        assertThat(verdict.trusted()).isFalse();
    }
}
