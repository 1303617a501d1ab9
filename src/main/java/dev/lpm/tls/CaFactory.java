package dev.lpm.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the self-signed CA certificate: it may sign leaf certificates only (path length 0), and only for
 * the names of {@link LocalNames#constraints()} (critical, so a verifier that cannot read them must refuse).
 */
final class CaFactory {

    /** Long enough that users trust it once; the name constraints, not the lifetime, bound what a stolen key can do. */
    static final Duration LIFETIME = Duration.ofDays(3650);
    /** Certificates start an hour back so a clock a little behind (a VM after resume) still accepts them. */
    static final Duration BACKDATE = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private CaFactory() {}

    static X509Certificate selfSigned(KeyPair pair, CaSubject subject, Instant now) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject.name(), serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(LIFETIME)), subject.name(), pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.nameConstraints, true, LocalNames.constraints());
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(Keys.SIGNATURE_ALGORITHM).build(pair.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("the CA certificate cannot be made: " + e.getMessage(), e);
        }
    }

    /** A positive random serial of 127 bits, as the CA/Browser Forum asks (at least 64 bits of randomness). */
    static BigInteger serial() {
        return new BigInteger(127, RANDOM);
    }
}
