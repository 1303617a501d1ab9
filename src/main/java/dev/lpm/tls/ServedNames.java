package dev.lpm.tls;

import java.util.List;

/** Which names a certificate is made for when a client asks for a server name (SNI) in its TLS handshake. */
@FunctionalInterface
public interface ServedNames {

    /**
     * The names to put in the certificate for a handshake that asked for {@code serverName} (lower case,
     * {@code null} when the client sent none, as clients do for an IP address), or an empty list when lpm
     * serves no such name: the handshake then ends with an {@code unrecognized_name} alert.
     */
    List<String> certificateNamesFor(String serverName);
}
