package dev.lpm.trust;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** Checks, trusts or untrusts one CA in every place of a run; one place's failure is its own line, not the run's end. */
public final class Trust {

    private final List<TrustPlace> places;

    public Trust(List<TrustPlace> places) {
        this.places = List.copyOf(places);
    }

    /** The places {@code settings} mean, run with this process's PATH as child processes. */
    public static Trust of(TrustSettings settings) {
        return new Trust(TrustPlaces.of(settings, new TrustCommands(new dev.lpm.enforce.ProcessCommandRunner(), System.getenv())));
    }

    public TrustReport status(CaCertificate ca) {
        return each(ca, TrustPlace::status);
    }

    public TrustReport install(CaCertificate ca) {
        return each(ca, TrustPlace::install);
    }

    public TrustReport remove(CaCertificate ca) {
        return each(ca, TrustPlace::remove);
    }

    private TrustReport each(CaCertificate ca, BiFunction<TrustPlace, CaCertificate, PlaceStatus> action) {
        List<PlaceStatus> results = new ArrayList<>();
        for (TrustPlace place : places) {
            try {
                results.add(action.apply(place, ca));
            } catch (TrustException e) {
                results.add(PlaceStatus.unavailable(place.name(), e.getMessage(), "fix the cause above, then run the command again"));
            }
        }
        return new TrustReport(ca.pemFile().toString(), ca.commonName(), ca.sha1(), results);
    }
}
