package dev.lpm.trust;

import java.nio.file.Path;

/** No browser NSS database under $HOME: nothing to trust there yet, and the user learns where lpm looked. */
final class NoNssDatabase implements UnchangeablePlace {

    private final Path home;

    NoNssDatabase(Path home) {
        this.home = home;
    }

    @Override
    public String name() {
        return "NSS (Chromium, Firefox)";
    }

    @Override
    public PlaceStatus status(CaCertificate ca) {
        return PlaceStatus.absent(name(), "no NSS database under " + home + " (.pki/nssdb, Firefox profiles)",
                "start Chromium or Firefox once, then run lpm trust again");
    }
}
