package dev.lpm.trust;

/** A Linux without a system store lpm knows (or LPM_TRUST_SYSTEM=none): said, never pretended. */
final class NoSystemStore implements UnchangeablePlace {

    private final String configured;

    NoSystemStore(String configured) {
        this.configured = configured;
    }

    @Override
    public String name() {
        return "system store";
    }

    @Override
    public PlaceStatus status(CaCertificate ca) {
        if (configured != null && configured.strip().equalsIgnoreCase("none")) {
            return PlaceStatus.absent(name(), "skipped: " + TrustSettings.SYSTEM_ENV + "=none", "");
        }
        return PlaceStatus.unavailable(name(), "no system store lpm knows here (looked for the anchors directories of"
                + " Debian/Ubuntu, Fedora/RHEL and Arch)", "add " + ca.pemFile() + " to your distribution's trust store by hand,"
                + " or set " + TrustSettings.SYSTEM_ENV + " to debian, fedora or arch");
    }
}
