package dev.lpm.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Whose CA it is, in its name: "lpm development CA (user@host)", so a user who finds it in a trust store
 * (or in the list of another user's browser) knows where it came from and which lpm made it.
 */
record CaSubject(String user, String host) {

    static final String ORGANIZATION = "lpm development CA";

    static CaSubject ofCurrentUser() {
        return new CaSubject(System.getProperty("user.name", "user"), hostName());
    }

    String owner() {
        return user + "@" + host;
    }

    String commonName() {
        return ORGANIZATION + " (" + owner() + ")";
    }

    X500Name name() {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.OU, owner())
                .addRDN(BCStyle.CN, commonName())
                .build();
    }

    static String commonNameOf(X509Certificate certificate) {
        X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] common = name.getRDNs(BCStyle.CN);
        return common.length == 0 ? name.toString() : IETFUtils.valueToString(common[0].getFirst().getValue());
    }

    /** The kernel's host name, read where it is (no DNS look-up, which can hang on a broken network). */
    private static String hostName() {
        Path kernel = Path.of("/proc/sys/kernel/hostname");
        try {
            if (Files.isReadable(kernel)) {
                String name = Files.readString(kernel).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (IOException e) {
            // fall through to the environment
        }
        for (String variable : new String[] {"COMPUTERNAME", "HOSTNAME"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return "localhost";
    }
}
