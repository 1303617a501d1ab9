package dev.lpm.proxy;

import dev.lpm.core.LpmEvent;
import dev.lpm.events.EventBus;
import dev.lpm.storage.RotatingLogFile;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One line per request, {@code [2026-03-05 14:30:00] 🔒 GET /api/data HTTP/1.1 -> api 200 3ms}, the lock
 * shown while a VPN is active. The proxy's event loops only enqueue; one writer thread formats, writes
 * to the rotating file in batches, and publishes the events. When the queue is full, entries are
 * dropped and counted rather than slowing requests down.
 */
public final class AccessLog implements AutoCloseable {

    static final String LOCK = "\uD83D\uDD12";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final int CAPACITY = 65_536;
    private static final int BATCH = 1024;

    /** One request as the proxy saw it. */
    public record Entry(Instant at, String method, String uri, String protocol, String service, int status,
                        long millis, boolean vpnActive) {}

    private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final RotatingLogFile file;
    private final EventBus events;
    private final Thread writer;
    private volatile boolean closing;

    public AccessLog(RotatingLogFile file, EventBus events) {
        this.file = file;
        this.events = events;
        this.writer = Thread.ofPlatform().name("lpm-access-log").daemon().start(this::writeLoop);
    }

    /** Called on the proxy's event loops: must not block. */
    void record(Entry entry) {
        if (!queue.offer(entry)) {
            dropped.incrementAndGet();
        }
    }

    static String format(Entry e) {
        return "[" + TIME.format(e.at()) + "] " + (e.vpnActive() ? LOCK + " " : "") + e.method() + " " + e.uri() + " "
                + e.protocol() + " -> " + e.service() + " " + e.status() + " " + e.millis() + "ms";
    }

    private void writeLoop() {
        List<Entry> batch = new ArrayList<>(BATCH);
        List<String> lines = new ArrayList<>(BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                Entry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                long lost = dropped.getAndSet(0);
                if (lost > 0) {
                    lines.add("[lpm: " + lost + " access log lines dropped: the log writer could not keep up]");
                }
                for (Entry entry : batch) {
                    lines.add(format(entry));
                }
                file.writeAll(lines);
                for (Entry entry : batch) {
                    events.publish(new LpmEvent.ProxyRequest(entry.method(), entry.uri(), entry.protocol(),
                            entry.service(), entry.status(), entry.millis(), entry.vpnActive(), entry.at()));
                }
            } catch (InterruptedException e) {
                closing = true;
            } finally {
                batch.clear();
                lines.clear();
            }
        }
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        file.close();
    }
}
