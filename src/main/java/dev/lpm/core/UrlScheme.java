package dev.lpm.core;

import java.util.Locale;

/**
 * The {@code urlScheme} setting: which scheme the addresses lpm prints and opens use. The proxy's port serves
 * both at all times; this only chooses what users are shown.
 */
public enum UrlScheme {
    /** https once lpm's CA is trusted where users browse (the instance's cached trust verdict), else http. */
    AUTO,
    HTTP,
    HTTPS;

    /** The scheme an address gets, {@code http} or {@code https}, given whether lpm's CA is trusted now. */
    public String scheme(boolean caTrusted) {
        return switch (this) {
            case HTTP -> "http";
            case HTTPS -> "https";
            case AUTO -> caTrusted ? "https" : "http";
        };
    }

    /** The word settings.json and {@code lpm settings} use. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but auto, http or https */
    public static UrlScheme of(String word) {
        return switch (word.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "http" -> HTTP;
            case "https" -> HTTPS;
            default -> throw new IllegalArgumentException("urlScheme is auto, http or https, not '" + word + "'");
        };
    }
}
