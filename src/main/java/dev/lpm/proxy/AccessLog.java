package dev.lpm.proxy;

import dev.lpm.core.LpmEvent;
import dev.lpm.events.EventBus;
import dev.lpm.storage.RotatingLogFile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpscArrayQueue;

/**
 * One line per request, {@code [2026-03-05 14:30:00] 🔒 GET /api/data HTTP/1.1 -> api 200 3ms}, the lock
 * shown while a VPN is active. The proxy's event loops only enqueue; one writer thread formats, writes
 * to the rotating file in batches, and publishes the events. When the queue is full, entries are
 * dropped and counted rather than slowing requests down.
 */
public final class AccessLog implements AutoCloseable {

    /** Marks a request made while a VPN was active. */
    public static final String LOCK = "\uD83D\uDD12";
    private static final DateTimeFormatter TIME = timeFormat(ZoneId.systemDefault());
    static final int DEFAULT_CAPACITY = 65_536;
    private static final int BATCH = 4096;
    /** How long the writer lets entries gather once some arrived: the live log may lag by this much. */
    private static final Duration DRAIN_EVERY = Duration.ofMillis(50);

    /**
     * One request as the proxy saw it. The time is epoch milliseconds, not an {@link Instant}: the event
     * loop records it without allocating; the writer makes the Instant.
     */
    public record Entry(long atMillis, String method, String uri, String protocol, String service, int status,
                        long millis, boolean vpnActive) {

        LpmEvent.ProxyRequest toEvent() {
            return new LpmEvent.ProxyRequest(method, uri, protocol, service, status, millis, vpnActive,
                    Instant.ofEpochMilli(atMillis));
        }
    }

    /**
     * Bounded and lock-free with one consumer: an enqueue is one compare-and-set on the producers' index,
     * no node allocation, and the event loops never touch a counter the writer also writes.
     */
    private final MpscArrayQueue<Entry> queue;
    private final LongAdder dropped = new LongAdder();
    private final RotatingLogFile file;
    private final EventBus events;
    private final Thread writer;
    private volatile boolean closing;
    /**
     * Set while the writer sleeps with nothing queued: only then does an entry wake it. An idle daemon's
     * writer so sleeps until a request comes instead of waking 20 times a second (a laptop's battery).
     */
    private volatile boolean writerIdle;
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedTime;

    public AccessLog(RotatingLogFile file, EventBus events) {
        this(file, events, DEFAULT_CAPACITY);
    }

    AccessLog(RotatingLogFile file, EventBus events, int capacity) {
        this.queue = new MpscArrayQueue<>(capacity);
        this.file = file;
        this.events = events;
        this.writer = Thread.ofPlatform().name("lpm-access-log").daemon().start(this::writeLoop);
    }

    /** Called on the proxy's event loops: must not block. */
    void record(Entry entry) {
        if (!queue.offer(entry)) {
            dropped.increment();
        } else if (writerIdle) {
            LockSupport.unpark(writer);
        }
    }

    /** The time at the start of a line, {@code 2026-03-05 14:30:00}, in {@code zone}. */
    public static DateTimeFormatter timeFormat(ZoneId zone) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
    }

    /**
     * One access log line, {@code [2026-03-05 14:30:00] 🔒 GET /api/data HTTP/1.1 -> api 200 3ms}: the file's
     * and the window's. {@code time} is the request's time as the caller formats it.
     */
    public static String line(LpmEvent.ProxyRequest r, String time) {
        return "[" + time + "] " + (r.vpnActive() ? LOCK + " " : "") + r.method() + " " + r.uri() + " "
                + r.protocol() + " -> " + r.service() + " " + r.status() + " " + r.millis() + "ms";
    }

    /** Formats the timestamp once per second, not once per line: under load most lines share it. */
    private String timeOf(LpmEvent.ProxyRequest request) {
        long second = request.at().getEpochSecond();
        if (second != cachedSecond) {
            cachedSecond = second;
            cachedTime = TIME.format(request.at());
        }
        return cachedTime;
    }

    private void writeLoop() {
        List<Entry> batch = new ArrayList<>(BATCH);
        List<LpmEvent.ProxyRequest> requests = new ArrayList<>(BATCH);
        List<String> lines = new ArrayList<>(BATCH + 1);
        while (true) {
            boolean stopping = closing;
            queue.drain(batch::add, BATCH);
            long lost = dropped.sumThenReset();
            if (lost > 0) {
                lines.add("[lpm: " + lost + " access log lines dropped: the log writer could not keep up]");
            }
            if (batch.isEmpty() && lines.isEmpty()) {
                if (stopping) {
                    return;
                }
                // Idle first, then look again: an entry queued in between either is seen here or finds
                // the flag set and wakes the writer (both sides write, then read, a volatile).
                writerIdle = true;
                if (queue.isEmpty() && !closing) {
                    LockSupport.park(this);
                }
                writerIdle = false;
                LockSupport.parkNanos(DRAIN_EVERY.toNanos()); // let a batch gather
                continue;
            }
            for (Entry e : batch) {
                LpmEvent.ProxyRequest request = e.toEvent();
                requests.add(request);
                lines.add(line(request, timeOf(request)));
            }
            file.writeAll(lines);
            requests.forEach(events::publish);
            batch.clear();
            requests.clear();
            lines.clear();
        }
    }

    /** The writer's state: {@code WAITING} while it sleeps with nothing to write. */
    Thread.State writerState() {
        return writer.getState();
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(writer);
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        file.close();
    }
}
