package dev.lpm.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** PEM files through BouncyCastle: certificates as "CERTIFICATE", keys as PKCS#8 "PRIVATE KEY". */
final class Pem {

    private Pem() {}

    static byte[] certificate(X509Certificate certificate) {
        return write(certificate);
    }

    static byte[] privateKey(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null));
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException("an unencrypted PKCS#8 key needs no cipher", e);
        }
    }

    private static byte[] write(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException("PEM into memory cannot fail", e);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static X509Certificate readCertificate(Path file) throws IOException {
        Object object = readOne(file);
        if (!(object instanceof X509CertificateHolder holder)) {
            throw new CaUnusableException(file + " holds no PEM certificate");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new CaUnusableException(file + " holds a certificate the JDK cannot read: " + e.getMessage(), e);
        }
    }

    static PrivateKey readPrivateKey(Path file) throws IOException {
        Object object = readOne(file);
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        if (object instanceof PrivateKeyInfo info) {
            return converter.getPrivateKey(info);
        }
        if (object instanceof PEMKeyPair pair) {
            return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        throw new CaUnusableException(file + " holds no PEM private key");
    }

    private static Object readOne(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            return parser.readObject();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CaUnusableException(file + " is not a PEM file lpm can read: " + e.getMessage(), e);
        }
    }
}
