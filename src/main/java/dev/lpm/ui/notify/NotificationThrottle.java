package dev.lpm.ui.notify;

import dev.lpm.core.BlockEvent;
import dev.lpm.core.LpmEvent;
import dev.lpm.core.ServiceName;
import dev.lpm.core.ServiceState;
import dev.lpm.core.Settings;
import dev.lpm.ui.tray.TrayState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 *   <li>Crashes: one notification per crash loop. The first crash says lpm restarts the service (or that it
 *       stays down, when the restart policy allows no restart); the crashes and restarts after it are
 *       silent; the loop's outcome is the second and last notification: it gave up after N restarts, or it
 *       has been running again for the policy's {@code stableAfter} (when the supervisor, too, counts the
 *       loop as over). A stop, a block or an unregister by the user ends a loop without a word.</li>
 *   <li>Per kind ({@link Settings#NOTIFICATION_KINDS}), at most {@link #RATE_LIMITS} in {@link #RATE_WINDOW};
 *       the ones held back are counted in the next one shown. A kind in the {@code mutedNotifications}
 *       setting is not shown at all.</li>
 * </ul>
 * Not thread-safe: one thread (the notification thread) owns it.
 */
public final class NotificationThrottle {

    public static final Duration BLOCK_WINDOW = Duration.ofSeconds(2);
    /** How many notifications of a kind may be shown within {@link #RATE_WINDOW}. */
    public static final Map<String, Integer> RATE_LIMITS = Map.of("blocks", 3, "vpn", 4, "crashes", 6);
    public static final Duration RATE_WINDOW = Duration.ofMinutes(1);
    static final int NAMES_LISTED = 3;

    private final Clock clock;
    private final Duration blockWindow;
    private final List<BlockEvent> burst = new ArrayList<>();
    private final Map<ServiceName, ServiceState> serviceStates = new HashMap<>();
    private final Map<ServiceName, CrashLoop> loops = new HashMap<>();
    private final Map<String, Deque<Instant>> shown = new HashMap<>();
    private final Map<String, Integer> heldBack = new HashMap<>();
    private Instant burstStarted;
    private boolean vpnActive;
    private Settings settings;

    /** A crash loop under way: when it started, how many crashes so far, and since when it runs again. */
    private static final class CrashLoop {
        final Instant started;
        int crashes = 1;
        Instant runningSince;

        CrashLoop(Instant started) {
            this.started = started;
        }
    }

    /**
     * @param vpnActive     the VPN verdict now (so the first VpnChanged is news only if it flips it)
     * @param settings      the settings now (kill switch, restart policy, muted kinds); SettingsChanged follows them
     * @param serviceStates each service's state now (a service already crashed at start is not announced)
     */
    public NotificationThrottle(Clock clock, Duration blockWindow, boolean vpnActive, Settings settings,
                                Map<ServiceName, ServiceState> serviceStates) {
        this.clock = clock;
        this.serviceStates.putAll(serviceStates);
        this.blockWindow = blockWindow;
        this.vpnActive = vpnActive;
        this.settings = settings;
    }

    /** Takes an event; returns what must be shown now (blocks and crash-loop recoveries wait for {@link #flushDue}). */
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
                    return limited("vpn", vpnActive ? vpnUp(String.join(", ", e.status().interfaces())) : vpnDown());
                }
            }
            case LpmEvent.ServiceChanged e -> {
                return serviceChanged(e);
            }
            case LpmEvent.ServiceRemoved e -> {
                serviceStates.remove(e.name());
                loops.remove(e.name());
            }
            case LpmEvent.SettingsChanged e -> settings = e.settings();
            default -> { }
        }
        return List.of();
    }

    private List<Notification> serviceChanged(LpmEvent.ServiceChanged e) {
        ServiceName name = e.service().name();
        ServiceState state = e.service().state();
        ServiceState before = serviceStates.put(name, state);
        CrashLoop loop = loops.get(name);
        switch (state) {
            case CRASHED -> {
                boolean restarting = settings.restartPolicy().allowsRestart(e.service().status().restarts());
                if (loop == null) {
                    if (before == ServiceState.CRASHED) {
                        return List.of(); // still the crash already told
                    }
                    if (restarting) {
                        loops.put(name, new CrashLoop(clock.instant()));
                    }
                    return limited("crashes", crashed(e, restarting));
                }
                loop.crashes++;
                loop.runningSince = null;
                if (!restarting) {
                    loops.remove(name);
                    return limited("crashes", gaveUp(e, loop));
                }
            }
            case RUNNING -> {
                if (loop != null && loop.runningSince == null) {
                    loop.runningSince = clock.instant();
                }
            }
            case STOPPED, BLOCKED -> loops.remove(name);
            case STARTING -> { }
        }
        return List.of();
    }

    /** When {@link #flushDue} has something next: the open block window closes, or a crash loop counts as over. */
    public Optional<Instant> nextDueAt() {
        Instant due = burst.isEmpty() ? null : burstStarted.plus(blockWindow);
        for (CrashLoop loop : loops.values()) {
            if (loop.runningSince != null) {
                Instant recovered = loop.runningSince.plus(settings.restartPolicy().stableAfter());
                due = due == null || recovered.isBefore(due) ? recovered : due;
            }
        }
        return Optional.ofNullable(due);
    }

    /** When the open block window closes, if one is open. */
    public Optional<Instant> blockBurstDueAt() {
        return burst.isEmpty() ? Optional.empty() : Optional.of(burstStarted.plus(blockWindow));
    }

    /** What is due now: the coalesced block notification once its window closed, crash loops that are over. */
    public List<Notification> flushDue() {
        List<Notification> due = new ArrayList<>();
        Instant now = clock.instant();
        if (!burst.isEmpty() && !now.isBefore(burstStarted.plus(blockWindow))) {
            due.addAll(limited("blocks", blocked(List.copyOf(burst))));
            burst.clear();
            burstStarted = null;
        }
        Duration stable = settings.restartPolicy().stableAfter();
        for (var it = loops.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            CrashLoop loop = entry.getValue();
            if (loop.runningSince != null && !now.isBefore(loop.runningSince.plus(stable))) {
                it.remove();
                due.addAll(limited("crashes", recovered(entry.getKey(), loop, stable)));
            }
        }
        return due;
    }

    /** {@code n} unless its kind is muted or over its rate; the ones held back are counted in the next shown. */
    private List<Notification> limited(String kind, Notification n) {
        if (!settings.notifies(kind)) {
            return List.of();
        }
        Instant now = clock.instant();
        Deque<Instant> times = shown.computeIfAbsent(kind, k -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(RATE_WINDOW))) {
            times.removeFirst();
        }
        if (times.size() >= RATE_LIMITS.get(kind)) {
            heldBack.merge(kind, 1, Integer::sum);
            return List.of();
        }
        times.addLast(now);
        Integer held = heldBack.remove(kind);
        if (held == null) {
            return List.of(n);
        }
        return List.of(new Notification(n.title(), n.body() + " (" + held + " more " + (held == 1 ? "notification" : "notifications")
                + " of this kind held back in the last minute.)", n.urgency(), n.icon()));
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
        String body = settings.killSwitch()
                ? "Kill switch on: containers that publish ports beyond this machine are stopped."
                : "Kill switch off: containers that publish ports stay reachable from the network.";
        return new Notification("VPN active" + (interfaces.isEmpty() ? "" : " (" + interfaces + ")"), body,
                Notification.Urgency.NORMAL, TrayState.VPN_ACTIVE);
    }

    private static Notification vpnDown() {
        return new Notification("VPN down", "No VPN is active any more.", Notification.Urgency.NORMAL,
                TrayState.SECURE);
    }

    private Notification crashed(LpmEvent.ServiceChanged e, boolean restarting) {
        var status = e.service().status();
        String body = status.reason().isBlank() ? "It stopped unexpectedly." : status.reason();
        if (status.exitCode() != null) {
            body += " (exit code " + status.exitCode() + ")";
        }
        if (restarting) {
            body += ". One more notification says how this crash loop ends.";
        }
        return new Notification("Service crashed: " + e.service().name(), body, Notification.Urgency.NORMAL,
                TrayState.PROBLEM);
    }

    private Notification gaveUp(LpmEvent.ServiceChanged e, CrashLoop loop) {
        var status = e.service().status();
        String body = "Crashed " + loop.crashes + " times in " + human(Duration.between(loop.started, clock.instant()))
                + "; lpm stopped restarting it. Last: " + (status.reason().isBlank() ? "it stopped unexpectedly" : status.reason())
                + (status.exitCode() != null ? " (exit code " + status.exitCode() + ")" : "");
        return new Notification("Service down: " + e.service().name(), body, Notification.Urgency.NORMAL, TrayState.PROBLEM);
    }

    private Notification recovered(ServiceName name, CrashLoop loop, Duration stable) {
        return new Notification("Service running again: " + name, "Up for " + human(stable) + " after "
                + loop.crashes + (loop.crashes == 1 ? " crash" : " crashes") + ".", Notification.Urgency.NORMAL,
                TrayState.SECURE);
    }

    private static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s < 120 ? s + " s" : (s / 60) + " min";
    }
}
