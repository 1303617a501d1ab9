package dev.lpm.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Makes sure only one lpm instance uses an LPM_HOME. The OS releases the lock when the process dies,
 * however it dies, so a stale lock file never blocks a new start. The holder writes its pid into the
 * file so that a refused second instance can say who holds it.
 */
public final class InstanceLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static InstanceLock acquire(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very JVM
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = describeHolder(file);
            channel.close();
            throw new AlreadyRunningException("another lpm instance is already running for " + file.getParent()
                    + " (" + holder + "); use it (lpm status) or stop it first");
        }
        String content = ProcessHandle.current().pid() + "\n" + Instant.now() + "\n";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        return new InstanceLock(channel, lock);
    }

    private static String describeHolder(Path file) {
        try {
            String[] lines = Files.readString(file).split("\n");
            if (lines.length >= 2) {
                return "pid " + lines[0].trim() + ", started " + lines[1].trim();
            }
            return lines.length == 1 && !lines[0].isBlank() ? "pid " + lines[0].trim() : "pid unknown";
        } catch (IOException e) {
            return "pid unknown";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** Thrown when another process holds the lock. */
    public static final class AlreadyRunningException extends RuntimeException {
        public AlreadyRunningException(String message) {
            super(message);
        }
    }
}
