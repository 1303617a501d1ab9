package dev.lpm.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that readers, and a machine that loses power, see either the old or the new
 * content, never a mix: write a temp file in the same directory, fsync it, rename it over the target,
 * fsync the directory.
 */
public final class AtomicFile {

    private AtomicFile() {}

    public static void write(Path target, byte[] content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // createTempFile makes the file owner-only (0600) on POSIX systems.
        Path tmp = Files.createTempFile(dir, tempPrefix(absolute), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + absolute + " atomically on this file system", e);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Deletes temp files a killed writer left behind; they never hold the only copy of anything. */
    public static void deleteLeftoverTempFiles(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (!Files.isDirectory(absolute.getParent())) {
            return; // nothing was ever written there
        }
        try (var files = Files.newDirectoryStream(absolute.getParent(), tempPrefix(absolute) + "*.tmp")) {
            for (Path leftover : files) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private static String tempPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }

    private static void syncDirectory(Path dir) {
        // Makes the rename itself durable. Not possible on every platform (Windows), where the
        // rename is already as durable as that file system gets.
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort, see above
        }
    }
}
