package dev.lpm.control;

import java.util.List;

/**
 * What lpm's firewall enforces now ({@code lpm security}, field {@code enforcement}). Stable like
 * {@link SecurityView}: fields may be added, never renamed or removed.
 *
 * @param helper        {@code connected}, {@code absent} (not installed or not running), {@code refused} (it
 *                      does not serve this user), {@code failed} (it answered with an error) or
 *                      {@code unsupported} (no helper for this operating system yet)
 * @param helperDetail  what the helper said or why it could not be reached
 * @param fix           the one command that fixes a helper that is not connected, else null
 * @param lockdown      {@code engaged}, {@code off} (no VPN or kill switch off), {@code missing} (needed, not in
 *                      place) or {@code paused} (lpm unlock)
 * @param nativePorts   {@code applied}, {@code missing} or {@code paused}: the ports lpm hands out closed to
 *                      other interfaces
 * @param portRange     those ports, e.g. {@code 4000-4999}
 * @param loopbackGuard {@code applied}, {@code not-needed} (Docker 28 or later, or no engine), {@code missing}
 *                      or {@code paused}
 * @param engineVersion the Docker engine's version, or null when it does not answer
 */
public record EnforcementView(String helper, String helperDetail, String fix, String lockdown, String nativePorts,
                              String portRange, String loopbackGuard, String engineVersion) {

    /** One line per protection that should hold and does not; empty when all hold. */
    public List<String> gaps() {
        java.util.ArrayList<String> gaps = new java.util.ArrayList<>();
        if (nativePorts.equals("missing")) {
            gaps.add("ports " + portRange + " are open to other machines (a service that binds 0.0.0.0 is reachable)");
        }
        if (lockdown.equals("missing")) {
            gaps.add("containers published beyond loopback are reachable while the VPN is up, until the guard"
                    + " stops them");
        }
        if (loopbackGuard.equals("missing")) {
            gaps.add("Docker " + engineVersion + " lets neighbours reach ports published on 127.0.0.1 and"
                    + " containers' own addresses (fixed in Docker 28)");
        }
        return gaps;
    }
}
