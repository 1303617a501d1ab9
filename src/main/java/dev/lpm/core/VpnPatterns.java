package dev.lpm.core;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the VPN detector looks for. Every field may be null (left out of {@code settings.json}) and then
 * takes its default, so the record can be read by Jackson as it is. Regexes match the whole name, case
 * insensitively; substrings match anywhere, case insensitively.
 *
 * @param interfaceNames      interface names of VPN tunnels (Linux, macOS, BSD)
 * @param nameSubstrings      substrings that mark a VPN interface anywhere in its name ("proton", "nord")
 * @param descriptions        substrings of adapter descriptions (Windows: "TAP-Windows Adapter V9")
 * @param ambiguousInterfaces names that also exist without a VPN (macOS utunN for system services): they
 *                            count only when they carry the public route or an address in {@code vpnAddressRanges}
 * @param vpnAddressRanges    CIDR ranges VPNs hand out, for the ambiguous interfaces
 * @param decoyInterfaces     placeholders that exist while the VPN is down (ProtonVPN's kill switch): never count
 * @param ignoredInterfaces   never count, whatever they carry (loopback, Docker bridges and veths, libvirt)
 * @param processes           VPN client process names (without ".exe"): a hint only, never "active" alone
 */
public record VpnPatterns(List<String> interfaceNames, List<String> nameSubstrings, List<String> descriptions,
                          List<String> ambiguousInterfaces, List<String> vpnAddressRanges,
                          List<String> decoyInterfaces, List<String> ignoredInterfaces, List<String> processes) {

    public static final VpnPatterns DEFAULTS = new VpnPatterns(
            List.of("tun\\d+", "tap\\d+", "wg\\d+", "wg\\d*-\\w+", "ppp\\d+", "ipsec\\d*", "utun\\d+",
                    "proton\\d*", "nordlynx", "tailscale\\d*", "zt\\w+"),
            List.of("proton", "nord"),
            List.of("TAP-Windows Adapter", "WireGuard Tunnel", "Wintun Userspace Tunnel",
                    "OpenVPN Data Channel Offload", "TAP-NordVPN", "NordLynx Tunnel", "Tailscale Tunnel"),
            List.of("utun\\d+"),
            // RFC 1918, CGNAT (Tailscale, Proton, Mullvad), benchmarking (WireGuard clients), Tailscale's ULA.
            List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "198.18.0.0/15",
                    "fd7a:115c:a1e0::/48"),
            // ProtonVPN's kill switch: the recorded Ubuntu output says "pvpnroutintrf0", the issue "pvpnrouteintrf".
            List.of("pvpnksintrf\\d*", "pvpnrout(e)?intrf\\d*", "ipv6leakintrf\\d*"),
            List.of("lo\\d*", "docker\\d+", "br-\\w+", "veth\\w*", "virbr\\d+(-nic)?", "cni\\d+", "podman\\d+"),
            List.of("openvpn", "wireguard", "wg-quick", "wireguard-go", "openconnect", "vpnc", "charon",
                    "protonvpn", "protonvpn-app", "nordvpnd", "mullvad-daemon", "expressvpnd", "tailscaled",
                    "zerotier-one", "openfortivpn", "pppd"));

    public VpnPatterns {
        interfaceNames = orDefault(interfaceNames, DEFAULTS == null ? null : DEFAULTS.interfaceNames);
        nameSubstrings = orDefault(nameSubstrings, DEFAULTS == null ? null : DEFAULTS.nameSubstrings);
        descriptions = orDefault(descriptions, DEFAULTS == null ? null : DEFAULTS.descriptions);
        ambiguousInterfaces = orDefault(ambiguousInterfaces, DEFAULTS == null ? null : DEFAULTS.ambiguousInterfaces);
        vpnAddressRanges = orDefault(vpnAddressRanges, DEFAULTS == null ? null : DEFAULTS.vpnAddressRanges);
        decoyInterfaces = orDefault(decoyInterfaces, DEFAULTS == null ? null : DEFAULTS.decoyInterfaces);
        ignoredInterfaces = orDefault(ignoredInterfaces, DEFAULTS == null ? null : DEFAULTS.ignoredInterfaces);
        processes = orDefault(processes, DEFAULTS == null ? null : DEFAULTS.processes);
        for (List<String> regexes : List.of(interfaceNames, ambiguousInterfaces, decoyInterfaces, ignoredInterfaces)) {
            regexes.forEach(VpnPatterns::checkRegex);
        }
    }

    private static List<String> orDefault(List<String> value, List<String> fallback) {
        // While DEFAULTS itself is being built, fallback is null and the given lists are used as they are.
        return List.copyOf(value != null ? value : fallback);
    }

    private static void checkRegex(String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("VPN interface pattern '" + regex + "' is not a valid regex: "
                    + e.getDescription(), e);
        }
    }
}
