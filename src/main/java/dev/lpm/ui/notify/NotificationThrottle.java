package dev.lpm.ui.notify;

import dev.lpm.core.BlockEvent;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceState;
import dev.lpm.ui.tray.TrayState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns events into the notifications a user should see, and no more. Pure: time comes from the
 * {@link Clock}, nothing is sent.
 *
 * <ul>
 *   <li>Blocks are coalesced: the first ContainerBlocked opens a window of {@link #BLOCK_WINDOW} (2 s); every
 *       block until it closes joins it; when it closes ({@link #flushDue}) they become ONE notification
 *       ("10 containers blocked", naming the first three). A VPN coming up makes the kill switch stop all
 *       exposed containers within about a second, so 2 s catches the burst and still tells the user
 *       promptly. A block after the window closed opens a new one.</li>
 *   <li>VPN: one notification when the verdict flips between active and not active (a change of interfaces
 *       while it stays up is not news).</li>
 *   <li>Crashes: one notification when a service enters CRASHED (not again while it stays crashed, e.g.
 *       on each failed restart).</li>
 * </ul>
 * Not thread-safe: one thread (the notification thread) owns it.
 */
public final class NotificationThrottle {

    public static final Duration BLOCK_WINDOW = Duration.ofSeconds(2);
    static final int NAMES_LISTED = 3;

    private final Clock clock;
    private final Duration blockWindow;
    private final List<BlockEvent> burst = new ArrayList<>();
    private final Map<ServiceName, ServiceState> serviceStates = new HashMap<>();
    private Instant burstStarted;
    private boolean vpnActive;
    private boolean killSwitch;

    /**
     * @param vpnActive     the VPN verdict now (so the first VpnChanged is news only if it flips it)
     * @param killSwitch    the setting now
     * @param serviceStates each service's state now (a service already crashed at start is not announced)
     */
    public NotificationThrottle(Clock clock, Duration blockWindow, boolean vpnActive, boolean killSwitch,
                                Map<ServiceName, ServiceState> serviceStates) {
        this.clock = clock;
        this.serviceStates.putAll(serviceStates);
        this.blockWindow = blockWindow;
        this.vpnActive = vpnActive;
        this.killSwitch = killSwitch;
    }

    /** Takes an event; returns what must be shown now (blocks wait for {@link #flushDue}). */
    public List<Notification> accept(LpmEvent event) {
        switch (event) {
            case LpmEvent.ContainerBlocked e -> {
                if (burst.isEmpty()) {
                    burstStarted = clock.instant();
                }
                burst.add(e.block());
            }
            case LpmEvent.VpnChanged e -> {
                if (e.status().active() != vpnActive) {
                    vpnActive = e.status().active();
                    return List.of(vpnActive ? vpnUp(String.join(", ", e.status().interfaces())) : vpnDown());
                }
            }
            case LpmEvent.ServiceChanged e -> {
                ServiceState before = serviceStates.put(e.service().name(), e.service().state());
                if (e.service().state() == ServiceState.CRASHED && before != ServiceState.CRASHED) {
                    return List.of(crashed(e));
                }
            }
            case LpmEvent.ServiceRemoved e -> serviceStates.remove(e.name());
            case LpmEvent.SettingsChanged e -> killSwitch = e.settings().killSwitch();
            default -> { }
        }
        return List.of();
    }

    /** When the open block window closes, if one is open. */
    public Optional<Instant> blockBurstDueAt() {
        return burst.isEmpty() ? Optional.empty() : Optional.of(burstStarted.plus(blockWindow));
    }

    /** The coalesced block notification once its window has closed; empty before. */
    public List<Notification> flushDue() {
        if (burst.isEmpty() || clock.instant().isBefore(burstStarted.plus(blockWindow))) {
            return List.of();
        }
        Notification n = blocked(List.copyOf(burst));
        burst.clear();
        burstStarted = null;
        return List.of(n);
    }

    private static Notification blocked(List<BlockEvent> blocks) {
        String resume = " Resume in LocalPortManager once the VPN is down.";
        if (blocks.size() == 1) {
            BlockEvent b = blocks.getFirst();
            return new Notification("Container blocked: " + b.name(), "Stopped because it " + b.reason()
                    + " while a VPN is up." + resume, Notification.Urgency.CRITICAL, TrayState.BLOCKED);
        }
        List<String> names = blocks.stream().map(BlockEvent::name).distinct().toList();
        String listed = String.join(", ", names.subList(0, Math.min(NAMES_LISTED, names.size())))
                + (names.size() > NAMES_LISTED ? " and " + (names.size() - NAMES_LISTED) + " more" : "");
        return new Notification(blocks.size() + " containers blocked", "Stopped " + listed
                + ": they published ports while a VPN is up." + resume, Notification.Urgency.CRITICAL,
                TrayState.BLOCKED);
    }

    private Notification vpnUp(String interfaces) {
        String body = killSwitch
                ? "Kill switch on: containers that publish ports beyond this machine are stopped."
                : "Kill switch off: containers that publish ports stay reachable from the network.";
        return new Notification("VPN active" + (interfaces.isEmpty() ? "" : " (" + interfaces + ")"), body,
                Notification.Urgency.NORMAL, TrayState.VPN_ACTIVE);
    }

    private static Notification vpnDown() {
        return new Notification("VPN down", "No VPN is active any more.", Notification.Urgency.NORMAL,
                TrayState.SECURE);
    }

    private static Notification crashed(LpmEvent.ServiceChanged e) {
        var status = e.service().status();
        String body = status.reason().isBlank() ? "It stopped unexpectedly." : status.reason();
        if (status.exitCode() != null) {
            body += " (exit code " + status.exitCode() + ")";
        }
        return new Notification("Service crashed: " + e.service().name(), body, Notification.Urgency.NORMAL,
                TrayState.PROBLEM);
    }
}
