package dev.lpm.trust;

import dev.lpm.tls.CaStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** The CA certificate to trust: its PEM file (what the tools are given) and the certificate read from it. */
public record CaCertificate(Path pemFile, X509Certificate certificate) {

    /** lpm's own CA, as the store that made it holds it. */
    public static CaCertificate of(CaStore store) {
        return new CaCertificate(store.certificateFile(), store.certificate());
    }

    public static CaCertificate read(Path pemFile) {
        List<X509Certificate> certificates = readAll(pemFile);
        if (certificates.size() != 1) {
            throw new TrustException(pemFile + " holds " + certificates.size() + " certificates; the CA file holds one");
        }
        return new CaCertificate(pemFile, certificates.getFirst());
    }

    /** Every certificate in a PEM or DER file (a bundle has many); a file that is not one is a TrustException. */
    static List<X509Certificate> readAll(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends java.security.cert.Certificate> all =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            all.forEach(c -> out.add((X509Certificate) c));
            return out;
        } catch (IOException e) {
            throw new TrustException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new TrustException(file + " is not a PEM or DER certificate file: " + e.getMessage(), e);
        }
    }

    /** Whether {@code file} holds this certificate (among others, as a bundle does); false when it is absent. */
    boolean isIn(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        return readAll(file).contains(certificate);
    }

    /** The subject's CN, which the macOS keychain and the Windows store show. */
    public String commonName() {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            throw new TrustException("the CA's subject is not a name: " + e.getMessage(), e);
        }
        return certificate.getSubjectX500Principal().getName();
    }

    /** Upper-case hex SHA-1 of the DER form: the thumbprint both macOS and Windows print. */
    public String sha1() {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new TrustException("cannot fingerprint the CA: " + e.getMessage(), e);
        }
    }
}
