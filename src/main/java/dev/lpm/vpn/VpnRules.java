package dev.lpm.vpn;

import dev.lpm.core.VpnPatterns;
import dev.lpm.core.VpnStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns evidence into a verdict. Pure: no I/O, so recorded outputs and live probes go through the same
 * rules. An interface counts as a VPN tunnel when it is not ignored or a decoy, and
 * <ul>
 *   <li>its name or description matches a VPN pattern, it is up (has carrier) and has a non-link-local
 *       address; it need not carry the public route (a split tunnel counts); or</li>
 *   <li>it is ambiguous (macOS utun), up, and carries the public route or has an address in a VPN range; or</li>
 *   <li>whatever its name, it is up and carries the public route and is a point-to-point link or gets the
 *       route through a /1 (a renamed tunnel, wg-quick's "peer1", a TAP known only by its address).</li>
 * </ul>
 * A running VPN client process is a hint, never a verdict.
 */
public final class VpnRules {

    private final List<Pattern> names;
    private final List<String> substrings;
    private final List<String> descriptions;
    private final List<Pattern> ambiguous;
    private final List<String> vpnRanges;
    private final List<Pattern> decoys;
    private final List<Pattern> ignored;
    private final List<String> processes;

    public VpnRules(VpnPatterns patterns) {
        names = compile(patterns.interfaceNames());
        substrings = lower(patterns.nameSubstrings());
        descriptions = lower(patterns.descriptions());
        ambiguous = compile(patterns.ambiguousInterfaces());
        vpnRanges = List.copyOf(patterns.vpnAddressRanges());
        vpnRanges.forEach(VpnRules::checkCidr);
        decoys = compile(patterns.decoyInterfaces());
        ignored = compile(patterns.ignoredInterfaces());
        processes = lower(patterns.processes());
    }

    public VpnStatus judge(Evidence evidence) {
        PublicRoute route = evidence.publicRoute();
        String routeIf = route == null ? null : route.interfaceName();
        List<InterfaceEvidence> interfaces = withRouteInterface(evidence.interfaces(), route);

        TreeSet<String> counted = new TreeSet<>();
        List<String> reasons = new ArrayList<>();
        List<String> hints = new ArrayList<>();
        List<String> decoysSeen = new ArrayList<>();
        for (InterfaceEvidence i : interfaces) {
            String name = i.name();
            if (any(ignored, name)) {
                continue;
            }
            if (any(decoys, name)) {
                decoysSeen.add(name);
                continue;
            }
            boolean carries = name.equals(routeIf);
            List<String> usable = i.addresses().stream().filter(Addresses::isUsable).toList();
            boolean matches = any(names, name) || containsAny(name, substrings) || containsAny(i.description(), descriptions);
            String label = i.description().isEmpty() || i.description().equals(name) ? name
                    : name + " (" + i.description() + ")";
            if (matches && any(ambiguous, name)) {
                List<String> inRange = usable.stream().filter(a -> vpnRanges.stream().anyMatch(r -> Addresses.inRange(a, r)))
                        .toList();
                if (i.up() && (carries || !inRange.isEmpty())) {
                    counted.add(name);
                    reasons.add(describe(label + (carries ? "" : ", which has an address VPNs use,"),
                            carries ? usable : inRange, carries, route));
                }
            } else if (matches) {
                if (!i.up()) {
                    hints.add(label + " matches a VPN pattern but is down (no carrier: no VPN client is connected through it)");
                } else if (usable.isEmpty()) {
                    hints.add(label + " matches a VPN pattern and is up but has no address");
                } else {
                    counted.add(name);
                    reasons.add(describe(label, usable, carries, route));
                }
            } else if (carries && i.up() && (i.pointToPoint() || route.overridesDefault())) {
                counted.add(name);
                reasons.add(describe(label, usable, true, route) + ", and "
                        + (i.pointToPoint() ? "is a point-to-point tunnel" : "overrides the default route with /1 routes")
                        + " although its name matches no VPN pattern");
            }
        }

        boolean active = !counted.isEmpty();
        if (!active) {
            reasons.add("no VPN tunnel is up");
            reasons.add(routeIf == null ? "no public route seen"
                    : "public traffic goes to " + routeIf + (route.via() == null ? "" : " (" + route.via() + ")"));
        } else if (routeIf != null && !counted.contains(routeIf)) {
            reasons.add("public traffic goes to " + routeIf + (route.via() == null ? "" : " (" + route.via() + ")")
                    + ", not through the tunnel: a split tunnel, or policy routing this view cannot see");
        }
        if (!decoysSeen.isEmpty()) {
            hints.add((decoysSeen.contains(routeIf)
                    ? "ProtonVPN's kill switch is engaged: public traffic goes to the placeholder " + routeIf + "; "
                    : "")
                    + "kill-switch placeholders " + String.join(", ", decoysSeen)
                    + " exist while the VPN is down and do not count");
        }
        List<String> clients = matchingProcesses(evidence.processes());
        if (!clients.isEmpty() && !active) {
            hints.add("VPN client " + String.join(", ", clients) + " runs, but no tunnel is up"
                    + " (a process alone does not count)");
        }
        return new VpnStatus(active, List.copyOf(counted), clients, routeIf, reasons, hints);
    }

    private static String describe(String label, List<String> addresses, boolean carries, PublicRoute route) {
        String base = label + " is up" + (addresses.isEmpty() ? "" : " with " + String.join(", ", addresses));
        if (route == null) {
            return base + " (no public route seen)";
        }
        if (!carries) {
            return base + " and carries only some routes (split tunnel)";
        }
        return base + " and carries the public route" + (route.via() == null ? "" : " (" + route.via() + ")");
    }

    /** Recorded route tables may name an interface no interface listing showed (route print): add it as up. */
    private static List<InterfaceEvidence> withRouteInterface(List<InterfaceEvidence> interfaces, PublicRoute route) {
        if (route == null || route.interfaceName() == null
                || interfaces.stream().anyMatch(i -> i.name().equals(route.interfaceName()))) {
            return interfaces;
        }
        List<InterfaceEvidence> all = new ArrayList<>(interfaces);
        List<String> addresses = route.sourceAddress() == null ? List.of() : List.of(route.sourceAddress());
        all.add(new InterfaceEvidence(route.interfaceName(), "", true, false, addresses));
        return all;
    }

    private List<String> matchingProcesses(List<String> running) {
        TreeSet<String> found = new TreeSet<>();
        for (String p : running) {
            String name = p.toLowerCase(Locale.ROOT);
            name = name.endsWith(".exe") ? name.substring(0, name.length() - 4) : name;
            for (String wanted : processes) {
                // Linux cuts process names (comm) at 15 characters.
                if (wanted.equals(name) || name.length() == 15 && wanted.startsWith(name)) {
                    found.add(wanted);
                }
            }
        }
        return List.copyOf(found);
    }

    private static boolean any(List<Pattern> patterns, String name) {
        return patterns.stream().anyMatch(p -> p.matcher(name).matches());
    }

    private static boolean containsAny(String text, List<String> lowerNeedles) {
        String t = text.toLowerCase(Locale.ROOT);
        return !t.isEmpty() && lowerNeedles.stream().anyMatch(t::contains);
    }

    /** core cannot parse addresses (no java.net there), so ranges are checked here, before any tick. */
    private static void checkCidr(String cidr) {
        String[] parts = cidr.split("/", -1);
        boolean ok = parts.length == 2 && Addresses.isIpLiteral(parts[0]) && parts[1].matches("\\d{1,3}")
                && Integer.parseInt(parts[1]) <= (parts[0].contains(":") ? 128 : 32);
        if (!ok) {
            throw new IllegalArgumentException("VPN address range '" + cidr + "' is not a CIDR like 10.0.0.0/8");
        }
    }

    private static List<Pattern> compile(List<String> regexes) {
        return regexes.stream().map(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE)).toList();
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }
}
