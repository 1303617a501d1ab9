package dev.lpm.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a service's new output lines to one `lpm logs -f` client. Lines are queued, never written on
 * the publisher's thread, so a slow client cannot stall the service's output pump; when the queue is
 * full, lines are dropped and the client is told how many.
 */
final class LogFollower implements AutoCloseable {

    private static final int CAPACITY = 10_000;
    private static final int BATCH = 500;

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final ControlServer.ReplySink replies;
    private Thread sender;

    LogFollower(ControlServer.ReplySink replies) {
        this.replies = replies;
    }

    void offer(String line) {
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    void start() {
        // Virtual is right here: it only waits on its queue and writes to the client's socket.
        sender = Thread.ofVirtual().name("lpm-logs-follow").start(this::sendLoop);
    }

    private void sendLoop() {
        List<String> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch, BATCH - 1);
                long lost = dropped.getAndSet(0);
                if (lost > 0) {
                    batch.addFirst("[lpm: " + lost + " lines dropped because this client read too slowly]");
                }
                replies.send(ControlReply.success(ServiceControlHandler.linesNode(batch)));
                batch.clear();
            }
        } catch (InterruptedException | IOException e) {
            // client gone or follower closed
        }
    }

    /** Stops the sender and sends what is still queued from this thread, so the last lines come before a closing line. */
    void finish() throws IOException {
        close();
        if (sender != null) {
            try {
                sender.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        List<String> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            replies.send(ControlReply.success(ServiceControlHandler.linesNode(rest)));
        }
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.interrupt();
        }
    }
}
