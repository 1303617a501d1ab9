package dev.lpm.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PKCS12 truststore the JDK reads back, made and changed through the KeyStore API. */
class JavaTrustStoreTest {

    @TempDir
    Path dir;

    @Test
    void trustCreatesTheStoreTheJdkTrustsAndUntrustEmptiesIt() throws Exception {
        CaCertificate ca = TestCa.make(dir, "lpmtest java CA");
        Path file = dir.resolve("truststore.p12");
        JavaTrustStore store = new JavaTrustStore(file, "changeit".toCharArray(), TrustNames.forUser("lpmtest-java"));
        assertThat(store.status(ca).state()).isEqualTo(TrustState.MISSING);

        assertThat(store.install(ca).state()).isEqualTo(TrustState.TRUSTED);
        KeyStore read = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            read.load(in, "changeit".toCharArray());
        }
        assertThat(read.isCertificateEntry("lpm local ca (lpmtest-java)")).isTrue();
        assertThat(read.getCertificate("lpm local ca (lpmtest-java)")).isEqualTo(ca.certificate());

        PlaceStatus removed = store.remove(ca);
        assertThat(removed.state()).isEqualTo(TrustState.MISSING);
        assertThat(removed.message()).contains("no entry");
    }

    @Test
    void aWrongPasswordIsAClearErrorAndTheFileStaysAsItWas() throws Exception {
        CaCertificate ca = TestCa.make(dir, "lpmtest java CA");
        Path file = dir.resolve("truststore.p12");
        new JavaTrustStore(file, "right".toCharArray(), TrustNames.forUser("lpmtest-java")).install(ca);
        byte[] before = Files.readAllBytes(file);

        Trust trust = new Trust(java.util.List.of(new JavaTrustStore(file, "wrong".toCharArray(), TrustNames.forUser("lpmtest-java"))));
        PlaceStatus status = trust.install(ca).places().getFirst();

        assertThat(status.state()).isEqualTo(TrustState.UNAVAILABLE);
        assertThat(status.message()).contains("cannot open the truststore").contains("LPM_TRUSTSTORE_PASSWORD");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }
}
