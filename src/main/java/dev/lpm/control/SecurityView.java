package dev.lpm.control;

import java.time.Instant;
import java.util.List;

/**
 * What {@code lpm security --json} prints. Documented in the README and stable: fields may be added,
 * never renamed or removed.
 *
 * @param vpn             the VPN detector's verdict and its evidence
 * @param killSwitch      {@code "enabled"} or {@code "disabled"}: whether Docker services that publish ports
 *                        are blocked while a VPN is up (setting {@code killSwitch})
 * @param blockedServices services the policy refused to run (state blocked)
 * @param bypassServices  services registered with --no-kill-switch
 * @param blockedContainers containers lpm did not start that the kill switch stopped, not resumed yet
 * @param dockerReachable whether the Docker engine answers
 * @param loopbackGuard   on Docker before 28.0: that lpm's firewall helper applied the rule that stops
 *                        neighbours reaching 127.0.0.1-published ports, or why not and the fix; else null
 *                        (kept for scripts written before {@code enforcement}, which says the same and more)
 * @param enforcement     what lpm's firewall helper enforces now
 */
public record SecurityView(Vpn vpn, String killSwitch, List<String> blockedServices, List<String> bypassServices,
                           List<BlockedContainer> blockedContainers, boolean dockerReachable,
                           String loopbackGuard, EnforcementView enforcement) {

    /** The {@code loopbackGuard} line from the enforcement facts. */
    static String loopbackGuard(EnforcementView e) {
        return switch (e.loopbackGuard()) {
            case "applied" -> "applied: packets to 127.0.0.0/8 and to container addresses that arrive from other"
                    + " interfaces are dropped (Docker before 28.0)";
            case "missing", "unsupported" -> "needed but missing: Docker " + e.engineVersion() + " lets hosts on your"
                    + " network reach ports published on 127.0.0.1 (fixed in 28.0)"
                    + (e.fix() == null ? "" : "; fix: " + e.fix());
            case "paused" -> "paused by lpm unlock";
            default -> null;
        };
    }

    /** A container the kill switch stopped: what, when, why, which ports. */
    public record BlockedContainer(String id, String name, String image, List<String> ports, String reason,
                                   Instant at) {}


    /**
     * @param active         a VPN is up
     * @param since          when the detector last changed its verdict
     * @param interfaces     VPN interfaces that are up
     * @param routeInterface where the kernel sends public traffic (null: no public route)
     * @param reasons        why the verdict is what it is, in words
     * @param hints          evidence that alone does not mean "active" (a VPN client process, a tun without carrier)
     * @param processes      VPN client processes seen
     */
    public record Vpn(boolean active, Instant since, List<String> interfaces, String routeInterface,
                      List<String> reasons, List<String> hints, List<String> processes) {}
}
