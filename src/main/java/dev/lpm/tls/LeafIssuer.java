package dev.lpm.tls;

import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Signs short-lived server certificates with the CA's key: one key pair of its own per certificate. */
final class LeafIssuer {

    /** Short: a leaf lives in memory only, so a new one costs nothing and an old one is never worth stealing. */
    static final Duration LIFETIME = Duration.ofDays(7);

    private final CaStore ca;

    LeafIssuer(CaStore ca) {
        this.ca = ca;
    }

    /** A certificate for {@code names} (DNS names, or IP literals for the loopback addresses). */
    IssuedLeaf issue(List<String> names, Instant now) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a certificate needs at least one name");
        }
        try {
            KeyPair pair = Keys.newEcKeyPair();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, CaSubject.ORGANIZATION)
                    .addRDN(BCStyle.CN, names.getFirst())
                    .build();
            Instant notAfter = now.plus(LIFETIME);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            var builder = new JcaX509v3CertificateBuilder(ca.certificate(), CaFactory.serial(),
                    Date.from(now.minus(CaFactory.BACKDATE)), Date.from(notAfter), subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(ca.certificate()))
                    .addExtension(Extension.subjectAlternativeName, false, alternativeNames(names));
            X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(Keys.SIGNATURE_ALGORITHM).build(ca.privateKey())));
            return new IssuedLeaf(List.copyOf(names), pair.getPrivate(), new X509Certificate[] {leaf, ca.certificate()},
                    notAfter);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("a certificate for " + names + " cannot be made: " + e.getMessage(), e);
        }
    }

    private static GeneralNames alternativeNames(List<String> names) {
        List<GeneralName> alternatives = new ArrayList<>();
        for (String name : names) {
            alternatives.add(isIpLiteral(name) ? new GeneralName(GeneralName.iPAddress, name)
                    : new GeneralName(GeneralName.dNSName, name));
        }
        return new GeneralNames(alternatives.toArray(GeneralName[]::new));
    }

    static boolean isIpLiteral(String name) {
        return !name.isEmpty() && (name.indexOf(':') >= 0 || Character.isDigit(name.charAt(name.length() - 1)))
                && literal(name);
    }

    private static boolean literal(String name) {
        try {
            return InetAddress.ofLiteral(name) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
