package dev.lpm.trust;

/**
 * One place's answer: its name (e.g. "NSS /home/a/.pki/nssdb (Chromium)"), its state, what is the case in
 * words, and the command or step that fixes it (empty when nothing needs fixing).
 */
public record PlaceStatus(String place, TrustState state, String message, String fix) {

    public static PlaceStatus trusted(String place, String message) {
        return new PlaceStatus(place, TrustState.TRUSTED, message, "");
    }

    public static PlaceStatus missing(String place, String message, String fix) {
        return new PlaceStatus(place, TrustState.MISSING, message, fix);
    }

    public static PlaceStatus absent(String place, String message, String fix) {
        return new PlaceStatus(place, TrustState.ABSENT, message, fix);
    }

    public static PlaceStatus unavailable(String place, String message, String fix) {
        return new PlaceStatus(place, TrustState.UNAVAILABLE, message, fix);
    }
}
