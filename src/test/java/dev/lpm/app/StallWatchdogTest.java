package dev.lpm.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.LpmEvent;
import dev.lpm.events.EventBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stuck event delivery is noticed, explained by a thread dump once, and its end is noticed too. */
class StallWatchdogTest {

    @TempDir
    Path dumps;

    @Test
    void aStuckSubscriberLeadsToOneThreadDumpThatShowsIt() throws Exception {
        EventBus events = new EventBus();
        CountDownLatch release = new CountDownLatch(1);
        events.subscribe(e -> {
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        Thread publisher = Thread.ofPlatform().name("lpmtest-stuck-publisher").start(() ->
                events.publish(new LpmEvent.ServiceOutput(dev.lpm.core.ServiceName.of("api"), "line", Instant.now())));
        StallWatchdog watchdog = new StallWatchdog(dumps, Duration.ofMillis(200), List.of(events::publishLongerThan));
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> events.publishLongerThan(Duration.ofMillis(200)).isPresent());
            assertThat(events.publishLongerThan(Duration.ofMillis(200))).hasValueSatisfying(s -> assertThat(s)
                    .startsWith("publishing ServiceOutput on thread lpmtest-stuck-publisher has not finished for"));

            Optional<Path> dump = watchdog.check();
            assertThat(dump).isPresent();
            assertThat(Files.readString(dump.get())).contains("lpmtest-stuck-publisher").contains("StallWatchdogTest");
            assertThat(watchdog.check()).as("one dump per stall").isEmpty();

            release.countDown();
            publisher.join();
            assertThat(events.publishLongerThan(Duration.ZERO)).isEmpty();
            assertThat(watchdog.check()).isEmpty();
        } finally {
            release.countDown();
            watchdog.close();
        }
    }

    @Test
    void quickPublishesAreNeverAStall() {
        EventBus events = new EventBus();
        events.subscribe(e -> { });
        for (int i = 0; i < 1000; i++) {
            events.publish(new LpmEvent.ServiceOutput(dev.lpm.core.ServiceName.of("api"), "x", Instant.now()));
        }
        assertThat(events.publishLongerThan(Duration.ZERO)).isEmpty();
    }
}
