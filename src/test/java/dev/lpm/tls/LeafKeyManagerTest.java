package dev.lpm.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeafKeyManagerTest {

    @TempDir
    Path home;

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-06-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aLeafIsMadeOnceKeptAndRenewedBeforeItExpires() throws Exception {
        MovingClock clock = new MovingClock();
        CaStore ca = CaStore.open(home, Clock.fixed(clock.now, ZoneOffset.UTC), new CaSubject("u", "h"));
        LeafKeyManager keys = new LeafKeyManager(new LeafIssuer(ca), name -> List.of(name), clock);

        IssuedLeaf first = keys.leafFor(List.of("app.localhost"));
        assertThat(keys.leafFor(List.of("app.localhost"))).isSameAs(first);
        X509Certificate leaf = first.chain()[0];
        assertThat(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()))
                .isLessThanOrEqualTo(LeafIssuer.LIFETIME.plus(CaFactory.BACKDATE));
        assertThat(leaf.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList()).containsExactly("app.localhost");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(first.chain()[1]).isEqualTo(ca.certificate());
        verifies(first.chain(), ca, clock.now);

        clock.now = clock.now.plus(LeafIssuer.LIFETIME.minus(IssuedLeaf.RENEW_BEFORE).minus(Duration.ofHours(1)));
        assertThat(keys.leafFor(List.of("app.localhost"))).as("not yet due").isSameAs(first);
        clock.now = clock.now.plus(Duration.ofHours(2));
        IssuedLeaf renewed = keys.leafFor(List.of("app.localhost"));
        assertThat(renewed).isNotSameAs(first);
        assertThat(renewed.notAfter()).isAfter(first.notAfter());
        verifies(renewed.chain(), ca, clock.now);
        assertThat(keys.getPrivateKey(first.alias())).as("a handshake that chose the old one still finds it")
                .isSameAs(first.key());
        assertThat(keys.getCertificateChain(renewed.alias())[0]).isEqualTo(renewed.chain()[0]);
    }

    @Test
    void eachListOfNamesHasItsOwnCertificateAndKey() {
        CaStore ca = CaStore.open(home);
        LeafKeyManager keys = new LeafKeyManager(new LeafIssuer(ca), name -> List.of(name), Clock.systemUTC());
        IssuedLeaf app = keys.leafFor(List.of("app.localhost"));
        IssuedLeaf shop = keys.leafFor(List.of("shop.localhost", "*.shop.localhost"));
        assertThat(app.key()).isNotEqualTo(shop.key());
        assertThat(app.alias()).isNotEqualTo(shop.alias());
    }

    @Test
    void theLoopbackLeafCarriesIpAddresses() throws Exception {
        CaStore ca = CaStore.open(home);
        IssuedLeaf leaf = new LeafIssuer(ca).issue(List.of("localhost", "127.0.0.1", "::1"), Instant.now());
        assertThat(leaf.chain()[0].getSubjectAlternativeNames().stream().map(n -> n.get(0) + "=" + n.get(1)).toList())
                .containsExactly("2=localhost", "7=127.0.0.1", "7=0:0:0:0:0:0:0:1");
    }

    @Test
    void noCertificateForAKeyTypeItDoesNotMakeOrANameNotServed() {
        CaStore ca = CaStore.open(home);
        LeafKeyManager keys = new LeafKeyManager(new LeafIssuer(ca), name -> List.of(), Clock.systemUTC());
        assertThat(keys.chooseEngineServerAlias("RSA", null, null)).isNull();
        assertThat(keys.chooseEngineServerAlias("EC", null, null)).isNull();
    }

    /** The JDK's PKIX builds and checks the chain (it ignores a trust anchor's name constraints: see LocalNames). */
    private static void verifies(X509Certificate[] chain, CaStore ca, Instant at) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(chain[0])), parameters);
    }
}
