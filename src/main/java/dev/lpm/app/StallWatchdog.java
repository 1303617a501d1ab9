package dev.lpm.app;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when the instance stops making progress: a control request without an answer, or an event
 * that is still being delivered, longer than the threshold. It then writes a dump of every thread,
 * virtual ones included, next to the daemon log and logs where, once per stall, so a freeze explains
 * itself. It runs on its own platform thread, which nothing else can starve.
 */
final class StallWatchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StallWatchdog.class);
    static final Duration DEFAULT_THRESHOLD = Duration.ofSeconds(30);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    private final Path dumpDir;
    private final Duration threshold;
    private final List<Function<Duration, Optional<String>>> probes;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("lpm-watchdog").daemon().factory());
    private boolean stalled;

    /** Each probe returns what has been stuck longer than the given threshold, if anything. */
    StallWatchdog(Path dumpDir, Duration threshold, List<Function<Duration, Optional<String>>> probes) {
        this.dumpDir = dumpDir;
        this.threshold = threshold;
        this.probes = List.copyOf(probes);
    }

    StallWatchdog start() {
        timer.scheduleWithFixedDelay(this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One look; returns the dump it wrote, if this look found a new stall. */
    Optional<Path> check() {
        try {
            Optional<String> stuck = probes.stream().map(p -> p.apply(threshold)).flatMap(Optional::stream).findFirst();
            if (stuck.isEmpty()) {
                if (stalled) {
                    LOG.info("the instance makes progress again");
                }
                stalled = false;
                return Optional.empty();
            }
            if (stalled) {
                return Optional.empty(); // one dump per stall
            }
            stalled = true;
            Path dump = dumpThreads();
            LOG.error("stall: {}; every thread's stack is in {}", stuck.get(), dump);
            return Optional.of(dump);
        } catch (IOException | RuntimeException e) {
            LOG.warn("watchdog check failed", e);
            return Optional.empty();
        }
    }

    private Path dumpThreads() throws IOException {
        Files.createDirectories(dumpDir);
        Path dump = dumpDir.resolve("thread-dump-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")) + ".txt");
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
        return dump;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
