package dev.lpm.tls;

import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/**
 * The names the CA may certify, and nothing else: {@code localhost} with every name under it, the IPv4
 * loopback net and the IPv6 loopback address. A stolen CA key can then mint nothing a verifier that honours
 * the constraints would take for a real site.
 * <p>
 * The DNS constraint is written in both forms. RFC 5280 4.2.1.10 reads {@code localhost} as the name and every
 * name made by adding labels on the left; OpenSSL reads it so (and reads {@code .localhost} as "names under
 * it only", refusing the bare {@code localhost}). A verifier that takes the plain form as one exact name
 * still finds the sub-domains in the dotted one. Permitted subtrees of one type are alternatives, so the
 * second form widens nothing beyond {@code localhost} (NameConstraintsTest proves both with openssl).
 * <p>
 * The JDK's PKIX ignores the name constraints of a trusted root certificate (it takes them only from a
 * {@code TrustAnchor}'s separate field, and then refuses: "name constraints in trust anchor not supported"):
 * Java clients trusting this CA are bounded by nothing but the key's secrecy.
 */
final class LocalNames {

    static final List<String> DNS = List.of("localhost", ".localhost");
    static final String IPV4_LOOPBACK = "127.0.0.0/8";
    static final String IPV6_LOOPBACK = "::1/128";

    private LocalNames() {}

    static NameConstraints constraints() {
        return new NameConstraints(new GeneralSubtree[] {
            new GeneralSubtree(new GeneralName(GeneralName.dNSName, DNS.get(0))),
            new GeneralSubtree(new GeneralName(GeneralName.dNSName, DNS.get(1))),
            new GeneralSubtree(new GeneralName(GeneralName.iPAddress, IPV4_LOOPBACK)),
            new GeneralSubtree(new GeneralName(GeneralName.iPAddress, IPV6_LOOPBACK)),
        }, null);
    }
}
