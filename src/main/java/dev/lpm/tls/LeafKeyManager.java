package dev.lpm.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Gives each TLS handshake a certificate for the name it asked for, made on first demand and kept in
 * memory (never on disk) until it is due for renewal. Works with any {@code SSLEngine} that calls a key
 * manager with its handshake session, so the proxy's TLS stack picks the certificate per SNI name.
 */
final class LeafKeyManager extends X509ExtendedKeyManager {

    private final LeafIssuer issuer;
    private final ServedNames served;
    private final Clock clock;
    /** Current certificate per list of names. */
    private final Map<List<String>, IssuedLeaf> byNames = new ConcurrentHashMap<>();
    /** Every certificate not yet expired, by alias: a handshake that chose one just before a renewal still finds it. */
    private final Map<String, IssuedLeaf> byAlias = new ConcurrentHashMap<>();

    LeafKeyManager(LeafIssuer issuer, ServedNames served, Clock clock) {
        this.issuer = issuer;
        this.served = served;
        this.clock = clock;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return chooseAlias(keyType, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        SSLSession session = socket instanceof javax.net.ssl.SSLSocket ssl ? ssl.getHandshakeSession() : null;
        return chooseAlias(keyType, session);
    }

    private String chooseAlias(String keyType, SSLSession session) {
        if (!"EC".equals(keyType)) {
            return null; // the leaves are ECDSA keys: no RSA or EdDSA certificate to offer
        }
        List<String> names = served.certificateNamesFor(requestedName(session));
        if (names.isEmpty()) {
            return null;
        }
        return leafFor(names).alias();
    }

    /** The current certificate for {@code names}, made or renewed as needed. */
    IssuedLeaf leafFor(List<String> names) {
        Instant now = clock.instant();
        IssuedLeaf leaf = byNames.compute(List.copyOf(names), (key, current) ->
                current == null || current.dueForRenewal(now) ? issuer.issue(key, now) : current);
        if (byAlias.putIfAbsent(leaf.alias(), leaf) == null) {
            byAlias.values().removeIf(old -> !old.notAfter().isAfter(now));
        }
        return leaf;
    }

    static String requestedName(SSLSession session) {
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name.getType() == StandardConstants.SNI_HOST_NAME && name instanceof SNIHostName host) {
                    return host.getAsciiName().toLowerCase(Locale.ROOT);
                }
            }
        }
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        IssuedLeaf leaf = alias == null ? null : byAlias.get(alias);
        return leaf == null ? null : leaf.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        IssuedLeaf leaf = alias == null ? null : byAlias.get(alias);
        return leaf == null ? null : leaf.key();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null; // made on demand: there is no list to give
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
