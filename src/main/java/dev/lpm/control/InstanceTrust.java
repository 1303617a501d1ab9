package dev.lpm.control;

import dev.lpm.tls.CaStore;
import dev.lpm.trust.CaCertificate;
import dev.lpm.trust.CaTrustVerdict;
import dev.lpm.trust.Trust;
import dev.lpm.trust.TrustReport;
import dev.lpm.trust.TrustSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where lpm's CA is trusted, as the instance sees it (its own environment: the user's NSS databases, the system
 * store): checked at start and every {@link #REFRESH} on a platform thread (certutil runs are blocking process
 * reads), and on every GET /v1/trust, which {@code lpm trust} and {@code lpm untrust} call after changing a
 * place. Each check updates the {@link CaTrustVerdict} the URL scheme reads.
 */
public final class InstanceTrust implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InstanceTrust.class);

    /** A trust change made outside lpm (a browser's settings, update-ca-certificates) shows within this. */
    public static final Duration REFRESH = Duration.ofMinutes(5);

    private final Path lpmHome;
    private final java.util.function.Supplier<Trust> places;
    private final CaTrustVerdict verdict = new CaTrustVerdict();
    /** Read once: the proxy serves the CA it opened at start, so that is the one to check for. */
    private volatile CaCertificate ca;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lpm-trust-check").daemon().factory());

    /** @param places the places to check and trust, made anew per run (they read the environment) */
    public InstanceTrust(Path lpmHome, java.util.function.Supplier<Trust> places) {
        this.lpmHome = lpmHome;
        this.places = places;
    }

    /** The places {@code lpm trust} means for this process's user: system store, NSS databases, Java if named. */
    public static InstanceTrust forThisProcess(Path lpmHome) {
        return new InstanceTrust(lpmHome, () -> Trust.of(TrustSettings.forThisProcess(Set.of(), List.of(), null)));
    }

    /** Starts the periodic check, the first one now (off the caller's thread). */
    public InstanceTrust start() {
        timer.scheduleWithFixedDelay(this::refreshQuietly, 0, REFRESH.toSeconds(), TimeUnit.SECONDS);
        return this;
    }

    public CaTrustVerdict verdict() {
        return verdict;
    }

    /** Checks every place now (blocking: certutil runs) and updates the verdict. */
    public TrustReport check() {
        TrustReport report = places.get().status(ca());
        verdict.accept(report);
        return report;
    }

    /**
     * What {@code lpm trust} does for the user running the instance: the CA into the places they may change (the
     * browsers' NSS databases, a Java truststore when LPM_JAVA_TRUSTSTORE names one; the system store too when
     * the instance runs as root), and for the system store the exact sudo command. Blocking; updates the verdict.
     */
    public TrustReport trustForUser() {
        TrustReport report = places.get().install(ca());
        verdict.accept(report);
        return report;
    }

    /** lpm's CA, opened (made, the first time) on first use; an unusable one is a refusal saying the fix. */
    private CaCertificate ca() {
        CaCertificate opened = ca;
        if (opened == null) {
            opened = CaCertificate.of(CaStore.open(lpmHome));
            ca = opened;
        }
        return opened;
    }

    private void refreshQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("could not check where lpm's CA is trusted: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
