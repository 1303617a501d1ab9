package dev.lpm.trust;

import dev.lpm.storage.AtomicFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;

/**
 * A Java truststore the user names (PKCS12, e.g. one a JVM is given with -Djavax.net.ssl.trustStore), read and
 * written with the JDK's KeyStore API: lpm's CA as a trusted-certificate entry under lpm's alias. A file that
 * does not exist yet is created.
 */
public final class JavaTrustStore implements TrustPlace {

    private final Path file;
    private final char[] password;
    private final String alias;

    public JavaTrustStore(Path file, char[] password, TrustNames names) {
        this.file = file;
        this.password = password.clone();
        this.alias = names.nickname().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String name() {
        return "Java truststore " + file;
    }

    @Override
    public PlaceStatus status(CaCertificate ca) {
        if (!Files.exists(file)) {
            return PlaceStatus.missing(name(), file + " does not exist", "lpm trust --java-truststore " + file);
        }
        Certificate held = entry(load());
        if (held == null) {
            return PlaceStatus.missing(name(), "no entry '" + alias + "'", "lpm trust --java-truststore " + file);
        }
        if (!held.equals(ca.certificate())) {
            return PlaceStatus.missing(name(), "'" + alias + "' is another certificate (an older lpm CA)",
                    "lpm trust --java-truststore " + file);
        }
        return PlaceStatus.trusted(name(), "trusted-certificate entry '" + alias + "'");
    }

    @Override
    public PlaceStatus install(CaCertificate ca) {
        KeyStore store = Files.exists(file) ? load() : empty();
        try {
            store.setCertificateEntry(alias, ca.certificate());
        } catch (GeneralSecurityException e) {
            throw new TrustException("cannot add the CA to " + file + ": " + e.getMessage(), e);
        }
        save(store);
        return status(ca);
    }

    @Override
    public PlaceStatus remove(CaCertificate ca) {
        if (Files.exists(file)) {
            KeyStore store = load();
            try {
                if (store.containsAlias(alias)) {
                    store.deleteEntry(alias);
                    save(store);
                }
            } catch (GeneralSecurityException e) {
                throw new TrustException("cannot remove the CA from " + file + ": " + e.getMessage(), e);
            }
        }
        return status(ca);
    }

    private Certificate entry(KeyStore store) {
        try {
            return store.isCertificateEntry(alias) ? store.getCertificate(alias) : null;
        } catch (GeneralSecurityException e) {
            throw new TrustException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private KeyStore load() {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // A wrong password and a file that is no PKCS12 both end here; the file is left as it was.
            throw new TrustException("cannot open the truststore " + file + " as PKCS12 with the given password"
                    + " (LPM_TRUSTSTORE_PASSWORD, default changeit): " + e.getMessage(), e);
        }
    }

    private static KeyStore empty() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new TrustException("the JDK has no PKCS12 keystore: " + e.getMessage(), e);
        }
    }

    private void save(KeyStore store) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, password);
            AtomicFile.write(file, bytes.toByteArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new TrustException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
