package dev.lpm.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lpm.core.LpmEvent;
import dev.lpm.events.EventBus;
import dev.lpm.storage.RotatingLogFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogTest {

    @TempDir
    Path dir;

    private final EventBus events = new EventBus();
    private final List<LpmEvent.ProxyRequest> published = new CopyOnWriteArrayList<>();

    private AccessLog open(int capacity) {
        events.subscribe(e -> {
            if (e instanceof LpmEvent.ProxyRequest r) {
                published.add(r);
            }
        });
        return new AccessLog(new RotatingLogFile(dir.resolve("access.log"), 1 << 20, 2), events, capacity);
    }

    private static AccessLog.Entry entry(long atMillis, String uri, boolean vpn) {
        return new AccessLog.Entry(atMillis, "GET", uri, "HTTP/1.1", "api", 200, 3, vpn);
    }

    @Test
    void writesOneLinePerRequestAndPublishesItsEvent() throws Exception {
        long at = Instant.parse("2026-03-05T14:30:00Z").toEpochMilli();
        try (AccessLog log = open(AccessLog.DEFAULT_CAPACITY)) {
            log.record(entry(at, "/api/data", false));
            log.record(entry(at + 1500, "/secure", true));
            await().atMost(Duration.ofSeconds(10)).until(() -> published.size() == 2);
        }
        List<String> lines = Files.readAllLines(dir.resolve("access.log"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\[\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}] GET /api/data HTTP/1\\.1 -> api 200 3ms");
        assertThat(lines.get(1)).contains("] " + AccessLog.LOCK + " GET /secure HTTP/1.1 -> api 200 3ms");
        assertThat(published.get(0).at()).isEqualTo(Instant.ofEpochMilli(at));
        assertThat(published.get(1).vpnActive()).isTrue();
    }

    @Test
    void closingWritesWhatIsStillQueued() throws Exception {
        try (AccessLog log = open(AccessLog.DEFAULT_CAPACITY)) {
            for (int i = 0; i < 1000; i++) {
                log.record(entry(System.currentTimeMillis(), "/" + i, false));
            }
        }
        assertThat(Files.readAllLines(dir.resolve("access.log"))).hasSize(1000);
    }

    @Test
    void aFullQueueDropsEntriesAndSaysHowMany() throws Exception {
        int offered = 20_000;
        try (AccessLog log = open(16)) {
            for (int i = 0; i < offered; i++) {
                log.record(entry(System.currentTimeMillis(), "/" + i, false));
            }
        }
        List<String> lines = Files.readAllLines(dir.resolve("access.log"));
        Pattern dropped = Pattern.compile("\\[lpm: (\\d+) access log lines dropped: the log writer could not keep up]");
        long droppedCount = 0;
        long written = 0;
        for (String line : lines) {
            Matcher m = dropped.matcher(line);
            if (m.matches()) {
                droppedCount += Long.parseLong(m.group(1));
            } else {
                written++;
            }
        }
        assertThat(droppedCount).isPositive();
        assertThat(written + droppedCount).isEqualTo(offered);
        assertThat(published).hasSize((int) written);
    }

    @Test
    void anIdleWriterSleepsUntilARequestComesAndThenWritesIt() throws Exception {
        try (AccessLog log = open(16)) {
            // Parked without a timeout: nothing wakes it while no request comes (20 times a second before).
            await().atMost(Duration.ofSeconds(5)).until(() -> log.writerState() == Thread.State.WAITING);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> log.writerState() == Thread.State.WAITING);

            log.record(entry(Instant.parse("2026-03-05T14:30:00Z").toEpochMilli(), "/woken", false));

            await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 1);
            assertThat(published.getFirst().uri()).isEqualTo("/woken");
            await().atMost(Duration.ofSeconds(5)).until(() -> log.writerState() == Thread.State.WAITING);
        }
        assertThat(Files.readString(dir.resolve("access.log"))).contains("GET /woken HTTP/1.1 -> api 200 3ms");
    }
}
