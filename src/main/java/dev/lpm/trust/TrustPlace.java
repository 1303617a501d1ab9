package dev.lpm.trust;

/**
 * One place that can trust lpm's CA: the system store, a browser's NSS database, a Java truststore. Each
 * answers what it holds and changes itself; a change answers with the place's status afterwards (or, when
 * it needs rights lpm does not have, with MISSING and the exact command that does it).
 */
public interface TrustPlace {

    /** A name a user recognises, with the path or store it means. */
    String name();

    PlaceStatus status(CaCertificate ca);

    PlaceStatus install(CaCertificate ca);

    PlaceStatus remove(CaCertificate ca);
}
