package dev.lpm.ui.tray;

import dev.lpm.core.VpnStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The tray's state and its one-line tooltip, computed from plain values (no backend, no toolkit).
 *
 * @param state   the icon to show
 * @param tooltip e.g. "lpm: 3 services running · VPN active (tun0) · kill switch on"
 */
public record TrayStatus(TrayState state, String tooltip) {

    /** Windows cuts tray tooltips at 127 characters (NOTIFYICONDATA.szTip); cut them ourselves, visibly. */
    static final int MAX_TOOLTIP = 127;

    /** What the tray summarises. */
    public record Inputs(int servicesRunning, int servicesCrashed, VpnStatus vpn, boolean killSwitch,
                         int containersBlocked, boolean dockerReachable, List<String> problems) {
        public Inputs {
            problems = List.copyOf(problems);
        }
    }

    /** Precedence: blocked > problem > VPN active > secure (see {@link TrayState}). */
    public static TrayStatus of(Inputs in) {
        TrayState state;
        if (in.containersBlocked() > 0) {
            state = TrayState.BLOCKED;
        } else if (!in.dockerReachable() || !in.problems().isEmpty()) {
            state = TrayState.PROBLEM;
        } else if (in.vpn().active()) {
            state = TrayState.VPN_ACTIVE;
        } else {
            state = TrayState.SECURE;
        }
        return new TrayStatus(state, tooltip(in));
    }

    /** The most urgent facts first, so a cut tooltip still says what matters. */
    private static String tooltip(Inputs in) {
        List<String> parts = new ArrayList<>();
        if (in.containersBlocked() > 0) {
            parts.add(count(in.containersBlocked(), "container", "containers") + " blocked");
        }
        if (!in.dockerReachable()) {
            parts.add("Docker engine unreachable");
        }
        if (!in.problems().isEmpty()) {
            parts.add(in.problems().getFirst()
                    + (in.problems().size() > 1 ? " (+" + (in.problems().size() - 1) + " more)" : ""));
        }
        parts.add(in.servicesRunning() == 0 ? "no services running"
                : count(in.servicesRunning(), "service", "services") + " running");
        if (in.servicesCrashed() > 0) {
            parts.add(in.servicesCrashed() + " crashed");
        }
        parts.add(in.vpn().active() ? "VPN active (" + String.join(", ", in.vpn().interfaces()) + ")" : "no VPN");
        parts.add(in.killSwitch() ? "kill switch on" : "kill switch off");
        String text = "lpm: " + String.join(" · ", parts);
        return text.length() <= MAX_TOOLTIP ? text : text.substring(0, MAX_TOOLTIP - 1) + "…";
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
