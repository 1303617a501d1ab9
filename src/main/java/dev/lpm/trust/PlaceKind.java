package dev.lpm.trust;

import java.util.Locale;

/** The kinds of places {@code lpm trust --only} chooses from. */
public enum PlaceKind {
    /** The operating system's store: what curl, OpenSSL, Chrome on macOS/Windows, and most programs read. */
    SYSTEM,
    /** Linux browsers' NSS databases (Chromium, Firefox). */
    NSS,
    /** A Java truststore the user names. */
    JAVA;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
