package dev.lpm.trust;

/** A place lpm can only report on (none found, or skipped): trust and untrust answer its status unchanged. */
interface UnchangeablePlace extends TrustPlace {

    @Override
    default PlaceStatus install(CaCertificate ca) {
        return status(ca);
    }

    @Override
    default PlaceStatus remove(CaCertificate ca) {
        return status(ca);
    }
}
