package dev.lpm.app;

import dev.lpm.control.EnforcementView;
import dev.lpm.core.LpmEvent;
import dev.lpm.enforce.AppliedRuleSet;
import dev.lpm.enforce.Firewall;
import dev.lpm.enforce.FirewallUnavailableException;
import dev.lpm.enforce.PortRange;
import dev.lpm.enforce.RuleSet;
import dev.lpm.events.EventBus;
import dev.lpm.policy.EnforcementPlan;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the firewall helper's rule sets as {@link EnforcementPlan} wants them: when the VPN, the kill switch
 * or the engine changes, and every {@link #RECHECK} in case the helper restarted, appeared, or someone
 * flushed the rules. The helper is the only part of lpm that changes the firewall; this asks it and reports
 * what holds. Rules outlive this instance on purpose (fail closed): the next instance takes them over.
 */
final class Enforcement implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Enforcement.class);
    static final Duration RECHECK = Duration.ofSeconds(20);

    /** What the plan is decided from, read fresh on each pass. */
    record Inputs(boolean vpnActive, boolean killSwitch, String engineVersion, dev.lpm.core.PortRange servicePorts) {}

    private final Firewall firewall;
    private final Supplier<Inputs> inputs;
    private final EventBus events;
    private final Clock clock;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lpm-enforcement").daemon().factory());
    private volatile EnforcementView view;
    /** Set by lpm unlock: hands off until the VPN or the kill switch changes. */
    private volatile boolean paused;
    private Inputs pausedAt;

    /** {@code firewall}: null where lpm has no helper for this operating system. */
    Enforcement(Firewall firewall, Supplier<Inputs> inputs, EventBus events, Clock clock) {
        this.firewall = firewall;
        this.inputs = inputs;
        this.events = events;
        this.clock = clock;
        this.view = describe(inputs.get(), Map.of(), "not asked yet", null, firewall == null ? "unsupported" : "absent");
    }

    Enforcement start() {
        events.subscribe(event -> {
            if (event instanceof LpmEvent.VpnChanged || event instanceof LpmEvent.SettingsChanged
                    || event instanceof LpmEvent.DockerEngineChanged) {
                worker.execute(this::reconcile);
            }
        });
        // The first pass before the instance answers anything, so lpm status never shows a helper "not asked yet".
        run(() -> {
            reconcile();
            return null;
        });
        worker.scheduleWithFixedDelay(this::reconcile, RECHECK.toMillis(), RECHECK.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    EnforcementView view() {
        return view;
    }

    /** One line per protection that should hold and does not, with the fix; empty when all hold. */
    List<String> problems() {
        EnforcementView v = view;
        List<String> gaps = v.gaps();
        if (gaps.isEmpty()) {
            return List.of();
        }
        String why = switch (v.helper()) {
            case "absent" -> "lpm's firewall helper is not running";
            case "refused" -> "lpm's firewall helper does not serve this user";
            case "failed" -> "lpm's firewall helper failed";
            default -> "lpm's firewall rules are not in place";
        };
        return List.of(why + " (" + v.helperDetail() + "): " + String.join("; ", gaps)
                + (v.fix() == null ? "" : ". Fix: " + v.fix()));
    }

    /** Releases every rule set now and keeps hands off until the VPN or the kill switch changes. */
    List<String> unlock() {
        if (firewall == null) {
            throw new IllegalStateException("lpm has no firewall helper on this operating system: nothing to unlock");
        }
        try {
            return run(() -> {
                List<String> removed = firewall.releaseAll();
                paused = true;
                pausedAt = inputs.get();
                publish(describe(pausedAt, Map.of(), "connected", null, "connected"));
                LOG.warn("lpm unlock: released {}", removed);
                return removed;
            });
        } catch (FirewallUnavailableException e) {
            throw new IllegalStateException(e.getMessage() + (e.fix() == null ? "" : "; fix: " + e.fix()), e);
        }
    }

    private void reconcile() {
        Inputs now = inputs.get();
        if (paused && pausedAt != null && (now.vpnActive() != pausedAt.vpnActive()
                || now.killSwitch() != pausedAt.killSwitch())) {
            paused = false;
            LOG.info("the VPN or the kill switch changed: enforcing again after lpm unlock");
        }
        if (firewall == null) {
            publish(describe(now, Map.of(), "lpm has no firewall helper for " + System.getProperty("os.name")
                    + " yet", null, "unsupported"));
            return;
        }
        if (paused) {
            return;
        }
        Map<RuleSet, PortRange> wanted = EnforcementPlan.wanted(now.vpnActive(), now.killSwitch(),
                now.engineVersion(), now.servicePorts());
        try {
            Map<RuleSet, PortRange> applied = bring(wanted);
            publish(describe(now, applied, "connected", null, "connected"));
        } catch (FirewallUnavailableException e) {
            publish(describe(now, Map.of(), e.getMessage(), e.fix(), e.kind().name().toLowerCase(java.util.Locale.ROOT)));
        } catch (RuntimeException e) {
            LOG.warn("the firewall helper failed: {}", e.getMessage());
            publish(describe(now, appliedOrNothing(), e.getMessage(), null, "failed"));
        }
    }

    /** Applies what is wanted and not there, releases what is there and not wanted; returns what holds. */
    private Map<RuleSet, PortRange> bring(Map<RuleSet, PortRange> wanted) {
        Map<RuleSet, PortRange> applied = asMap(firewall.applied());
        for (Map.Entry<RuleSet, PortRange> want : wanted.entrySet()) {
            if (!applied.containsKey(want.getKey()) || !Objects.equals(applied.get(want.getKey()), want.getValue())) {
                firewall.apply(want.getKey(), want.getValue());
                LOG.info("firewall: applied {}{}", want.getKey().wireName(),
                        want.getValue() == null ? "" : " " + want.getValue().from() + "-" + want.getValue().to());
                applied.put(want.getKey(), want.getValue());
            }
        }
        for (RuleSet set : List.copyOf(applied.keySet())) {
            if (!wanted.containsKey(set)) {
                firewall.release(set);
                LOG.info("firewall: released {}", set.wireName());
                applied.remove(set);
            }
        }
        return applied;
    }

    private Map<RuleSet, PortRange> appliedOrNothing() {
        try {
            return asMap(firewall.applied());
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private static Map<RuleSet, PortRange> asMap(List<AppliedRuleSet> list) {
        Map<RuleSet, PortRange> map = new EnumMap<>(RuleSet.class);
        list.forEach(a -> map.put(a.ruleSet(), a.ports()));
        return map;
    }

    private EnforcementView describe(Inputs in, Map<RuleSet, PortRange> applied, String detail, String fix,
                                     String helper) {
        Map<RuleSet, PortRange> wanted = EnforcementPlan.wanted(in.vpnActive(), in.killSwitch(), in.engineVersion(),
                in.servicePorts());
        boolean unsupported = helper.equals("unsupported");
        return new EnforcementView(helper, detail, fix,
                state(RuleSet.LOCKDOWN, wanted, applied, unsupported, "engaged", "off"),
                state(RuleSet.NATIVE_PORTS, wanted, applied, unsupported, "applied", "off"),
                in.servicePorts().first() + "-" + in.servicePorts().last(),
                state(RuleSet.LEGACY_ENGINE_GUARD, wanted, applied, unsupported, "applied", "not-needed"),
                in.engineVersion());
    }

    private String state(RuleSet set, Map<RuleSet, PortRange> wanted, Map<RuleSet, PortRange> applied,
                         boolean unsupported, String held, String notWanted) {
        if (paused) {
            return "paused";
        }
        if (applied.containsKey(set)) {
            return held;
        }
        if (!wanted.containsKey(set)) {
            return notWanted;
        }
        return unsupported ? "unsupported" : "missing";
    }

    private void publish(EnforcementView next) {
        EnforcementView before = view;
        view = next;
        if (!next.equals(before)) {
            events.publish(new LpmEvent.EnforcementChanged(problems(), clock.instant()));
        }
    }

    private <T> T run(java.util.concurrent.Callable<T> work) {
        try {
            return worker.submit(work).get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the firewall helper did not answer within 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    /**
     * Stopping lpm releases what protects lpm's own ports and the old engine, but keeps an engaged lockdown:
     * with the instance gone, nothing else stops containers published while the VPN is up.
     */
    @Override
    public void close() {
        if (firewall != null && !paused) {
            try {
                run(() -> {
                    for (AppliedRuleSet held : firewall.applied()) {
                        if (held.ruleSet() != RuleSet.LOCKDOWN) {
                            firewall.release(held.ruleSet());
                        } else {
                            LOG.warn("lpm stops while the VPN is up: the lockdown stays until the VPN goes down"
                                    + " (next lpm start) or lpm unlock");
                        }
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.warn("could not release lpm's firewall rules at stop: {}", e.getMessage());
            }
        }
        worker.shutdownNow();
    }
}
