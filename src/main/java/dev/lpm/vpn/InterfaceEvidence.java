package dev.lpm.vpn;

import java.util.List;

/**
 * One network interface as a probe or a recorded output saw it.
 *
 * @param name         the OS name (tun0, utun4) or, on Windows, the adapter's connection name
 * @param description  the adapter description (Windows: "TAP-Windows Adapter V9"); "" when there is none
 * @param up           administratively up AND has carrier (IFF_UP and IFF_RUNNING, "LOWER_UP", not
 *                     "Media disconnected"). A tun whose VPN client is gone has no carrier and is not up.
 * @param pointToPoint a layer-3 point-to-point link (tun, WireGuard, ppp, utun)
 * @param addresses    its addresses as literals, without prefix length or zone
 */
public record InterfaceEvidence(String name, String description, boolean up, boolean pointToPoint,
                                List<String> addresses) {

    public InterfaceEvidence {
        description = description == null ? "" : description;
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }
}
