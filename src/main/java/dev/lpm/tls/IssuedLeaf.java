package dev.lpm.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A server certificate lpm made, with its key and the chain it is sent with (leaf, then the CA). */
record IssuedLeaf(List<String> names, PrivateKey key, X509Certificate[] chain, Instant notAfter) {

    /** Renewed this long before it expires, so no handshake gets one that is about to. */
    static final Duration RENEW_BEFORE = Duration.ofDays(2);

    boolean dueForRenewal(Instant now) {
        return !now.isBefore(notAfter.minus(RENEW_BEFORE));
    }

    /** The name the key manager hands out for it: unique per certificate, so a renewal never mixes two. */
    String alias() {
        return names.getFirst() + "#" + chain[0].getSerialNumber().toString(16);
    }
}
