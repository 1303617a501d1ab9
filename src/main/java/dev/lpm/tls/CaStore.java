package dev.lpm.tls;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;

/**
 * The user's local CA: its certificate ({@code ca.pem}) and private key ({@code ca-key.pem}, mode 0600) in
 * {@code LPM_HOME/tls/}, made on first use by {@link CaFactory}. The key is never written anywhere else and
 * never leaves this package: {@link LeafIssuer} signs with it.
 */
public final class CaStore {

    static final String DIRECTORY = "tls";
    static final String CERTIFICATE_FILE = "ca.pem";
    static final String KEY_FILE = "ca-key.pem";
    private static final String LOCK_FILE = "ca.lock";

    private final Path certificateFile;
    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    private CaStore(Path certificateFile, X509Certificate certificate, PrivateKey privateKey) {
        this.certificateFile = certificateFile;
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /**
     * The CA of {@code lpmHome}, made there on first use. Two lpm processes opening it at once (the daemon
     * and {@code lpm trust}) agree on one CA: the making is done under a file lock.
     *
     * @throws CaUnusableException when the files there are unreadable, do not match, are expired, or the key
     *                             can be read by others (saying how to fix it)
     */
    public static CaStore open(Path lpmHome) {
        return open(lpmHome, Clock.systemUTC(), CaSubject.ofCurrentUser());
    }

    static CaStore open(Path lpmHome, Clock clock, CaSubject subject) {
        Path dir = lpmHome.resolve(DIRECTORY);
        Path certificateFile = dir.resolve(CERTIFICATE_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        try {
            OwnerOnlyFiles.createDirectory(dir);
            try (FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), OwnerOnlyFiles.createOptions(),
                         OwnerOnlyFiles.attributes(dir));
                 FileLock ignored = lockChannel.lock()) {
                // No certificate means no CA anyone trusts yet (a key alone is what a crash between the two
                // writes leaves): make one.
                if (!Files.exists(certificateFile, LinkOption.NOFOLLOW_LINKS)) {
                    KeyPair pair = Keys.newEcKeyPair();
                    X509Certificate made = CaFactory.selfSigned(pair, subject, clock.instant());
                    // The key first: a certificate on disk always has its key beside it.
                    OwnerOnlyFiles.writeAtomically(keyFile, Pem.privateKey(pair.getPrivate()));
                    OwnerOnlyFiles.writeAtomically(certificateFile, Pem.certificate(made));
                }
                return load(certificateFile, keyFile, clock);
            }
        } catch (IOException e) {
            throw new CaUnusableException("lpm cannot read or make its CA in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static CaStore load(Path certificateFile, Path keyFile, Clock clock) throws IOException {
        if (!Files.exists(keyFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new CaUnusableException("The CA in " + certificateFile.getParent() + " has lost its key (" + keyFile
                    + " is missing), so it can sign nothing. Make a new CA and trust that instead: lpm untrust && rm -r "
                    + certificateFile.getParent() + " && lpm trust");
        }
        OwnerOnlyFiles.refuseReadableByOthers(keyFile);
        X509Certificate certificate = Pem.readCertificate(certificateFile);
        PrivateKey key = Pem.readPrivateKey(keyFile);
        if (!Keys.matches(certificate.getPublicKey(), key)) {
            throw new CaUnusableException(keyFile + " is not the key of " + certificateFile + ". Remove the directory"
                    + " so lpm makes a new CA, then trust it again: rm -r " + certificateFile.getParent() + " && lpm trust");
        }
        try {
            certificate.checkValidity(java.util.Date.from(clock.instant()));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new CaUnusableException("The CA " + certificateFile + " is not valid now (" + e.getMessage()
                    + "). Remove the directory so lpm makes a new CA, then trust it again: rm -r "
                    + certificateFile.getParent() + " && lpm trust");
        }
        return new CaStore(certificateFile, certificate, key);
    }

    /** The CA certificate, as trust stores take it. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The PEM file of the certificate ({@code LPM_HOME/tls/ca.pem}); the key beside it is not for others. */
    public Path certificateFile() {
        return certificateFile;
    }

    /** The certificate's common name, which says whose CA it is ("lpm development CA (user@host)"). */
    public String commonName() {
        return CaSubject.commonNameOf(certificate);
    }

    /** The DER bytes' SHA-256, hex: how trust stores and users tell this CA from an older one. */
    public String sha256Fingerprint() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return commonName() + " (" + certificateFile + ")";
    }
}
