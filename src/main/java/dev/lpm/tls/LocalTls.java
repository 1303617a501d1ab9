package dev.lpm.tls;

import java.time.Clock;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * What a TLS server needs to serve lpm's names with the local CA: a key manager that picks (and makes)
 * the certificate for each handshake's server name, and the matcher that turns any other name away.
 */
public final class LocalTls {

    private final CaStore ca;
    private final LeafKeyManager keyManager;
    private final ServedNameMatcher matcher;

    private LocalTls(CaStore ca, LeafKeyManager keyManager, ServedNameMatcher matcher) {
        this.ca = ca;
        this.keyManager = keyManager;
        this.matcher = matcher;
    }

    public static LocalTls of(CaStore ca, ServedNames served) {
        return of(ca, served, Clock.systemUTC());
    }

    static LocalTls of(CaStore ca, ServedNames served, Clock clock) {
        return new LocalTls(ca, new LeafKeyManager(new LeafIssuer(ca), served, clock), new ServedNameMatcher(served));
    }

    public X509ExtendedKeyManager keyManager() {
        return keyManager;
    }

    public SNIMatcher serverNameMatcher() {
        return matcher;
    }

    public CaStore ca() {
        return ca;
    }
}
