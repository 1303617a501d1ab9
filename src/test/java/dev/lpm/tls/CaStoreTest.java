package dev.lpm.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.DEROctetString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaStoreTest {

    @TempDir
    Path home;

    @Test
    void firstUseMakesAnEcdsaCaWhoseKeyOnlyItsOwnerCanRead() throws Exception {
        CaStore ca = CaStore.open(home);

        Path dir = home.resolve("tls");
        assertThat(ca.certificateFile()).isEqualTo(dir.resolve("ca.pem"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca-key.pem"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ca.pem", "ca-key.pem",
                    "ca.lock");
        }
        assertThat(Files.readString(dir.resolve("ca-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        X509Certificate certificate = ca.certificate();
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(certificate.getPublicKey().toString()).contains("secp256r1");
    }

    @Test
    void theNameSaysWhoseCaItIs() {
        CaStore ca = CaStore.open(home, Clock.systemUTC(), new CaSubject("alice", "devbox"));

        assertThat(ca.commonName()).isEqualTo("lpm development CA (alice@devbox)");
        assertThat(ca.certificate().getSubjectX500Principal().getName())
                .contains("OU=alice@devbox", "O=lpm development CA");
        assertThat(CaStore.open(home).commonName()).as("the existing CA, not a new one with today's user")
                .isEqualTo("lpm development CA (alice@devbox)");
    }

    @Test
    void itMaySignLeavesOnlyAndOnlyForLoopbackNamesAndSaysSoCritically() throws Exception {
        X509Certificate certificate = CaStore.open(home).certificate();

        assertThat(certificate.getBasicConstraints()).as("CA with path length 0").isZero();
        assertThat(certificate.getCriticalExtensionOIDs()).contains(Extension.basicConstraints.getId(),
                Extension.keyUsage.getId(), Extension.nameConstraints.getId());
        boolean[] usage = certificate.getKeyUsage();
        assertThat(usage[5]).as("keyCertSign").isTrue();
        assertThat(usage[6]).as("cRLSign").isTrue();
        assertThat(usage[0]).as("digitalSignature: a CA does not serve TLS itself").isFalse();

        NameConstraints constraints = NameConstraints.getInstance(
                ASN1OctetString.getInstance(certificate.getExtensionValue(Extension.nameConstraints.getId())).getOctets());
        assertThat(constraints.getExcludedSubtrees()).isNull();
        List<GeneralName> permitted = java.util.Arrays.stream(constraints.getPermittedSubtrees())
                .map(GeneralSubtree::getBase).toList();
        assertThat(permitted).containsExactly(
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.dNSName, ".localhost"),
                new GeneralName(GeneralName.iPAddress, new DEROctetString(new byte[] {127, 0, 0, 0, (byte) 255, 0, 0, 0})),
                new GeneralName(GeneralName.iPAddress, new DEROctetString(ipv6LoopbackWithMask())));
    }

    @Test
    void reopeningReadsTheSameCa() {
        CaStore first = CaStore.open(home);
        CaStore second = CaStore.open(home);

        assertThat(second.certificate()).isEqualTo(first.certificate());
        assertThat(second.sha256Fingerprint()).isEqualTo(first.sha256Fingerprint()).hasSize(32 * 3 - 1);
    }

    @Test
    void aKeyOthersCanReadIsRefusedNotUsed() throws Exception {
        CaStore.open(home);
        Path key = home.resolve("tls/ca-key.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> CaStore.open(home)).isInstanceOf(CaUnusableException.class)
                .hasMessageContaining("may have been copied").hasMessageContaining("rm -r " + home.resolve("tls"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).as("left as found")
                .isEqualTo("rw-r--r--");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() throws Exception {
        CaStore.open(home);
        Path other = home.resolve("other");
        CaStore.open(other);
        Files.copy(other.resolve("tls/ca-key.pem"), home.resolve("tls/ca-key.pem"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> CaStore.open(home)).isInstanceOf(CaUnusableException.class)
                .hasMessageContaining("is not the key of");
    }

    @Test
    void aCaWhoseKeyIsGoneIsRefusedWithTheFix() throws Exception {
        CaStore.open(home);
        Files.delete(home.resolve("tls/ca-key.pem"));

        assertThatThrownBy(() -> CaStore.open(home)).isInstanceOf(CaUnusableException.class)
                .hasMessageContaining("is missing").hasMessageContaining("lpm trust");
    }

    @Test
    void aKeyWithoutItsCertificateIsWhatACrashWhileMakingLeavesSoANewCaIsMade() throws Exception {
        String first = CaStore.open(home).sha256Fingerprint();
        Files.delete(home.resolve("tls/ca.pem"));

        CaStore again = CaStore.open(home);
        assertThat(again.sha256Fingerprint()).isNotEqualTo(first);
        assertThat(Keys.matches(again.certificate().getPublicKey(), again.privateKey())).isTrue();
    }

    @Test
    void garbageInTheCertificateFileIsAClearError() throws Exception {
        CaStore.open(home);
        Files.writeString(home.resolve("tls/ca.pem"), "not a certificate\n");

        assertThatThrownBy(() -> CaStore.open(home)).isInstanceOf(CaUnusableException.class)
                .hasMessageContaining("ca.pem");
    }

    @Test
    void anExpiredCaIsRefusedWithTheFix() {
        Instant made = Instant.parse("2020-01-01T00:00:00Z");
        CaStore.open(home, Clock.fixed(made, ZoneOffset.UTC), new CaSubject("bob", "box"));
        Clock later = Clock.fixed(made.plus(CaFactory.LIFETIME).plus(Duration.ofDays(1)), ZoneOffset.UTC);

        assertThatThrownBy(() -> CaStore.open(home, later, new CaSubject("bob", "box")))
                .isInstanceOf(CaUnusableException.class).hasMessageContaining("not valid now");
    }

    private static byte[] ipv6LoopbackWithMask() {
        byte[] bytes = new byte[32];
        bytes[15] = 1;
        java.util.Arrays.fill(bytes, 16, 32, (byte) 0xff);
        return bytes;
    }
}
