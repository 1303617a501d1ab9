package dev.lpm.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's log file, {@code NAME.log}, appended line by line. When a line would make it larger than
 * {@code maxBytes} it is renamed to {@code NAME.log.1} (older ones shift to .2 ... .{@code kept}, the
 * oldest is deleted) and a new file is started. Write errors are logged once and otherwise ignored: the
 * output pump must keep draining the process whatever happens to the disk. Thread-safe.
 */
public final class RotatingLogFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RotatingLogFile.class);

    private final Path file;
    private final long maxBytes;
    private final int kept;
    private OutputStream out;
    private long size;
    private boolean closed;
    private boolean failed;

    public RotatingLogFile(Path file, long maxBytes, int kept) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.kept = kept;
    }

    public Path path() {
        return file;
    }

    public synchronized void write(String line) {
        writeAll(List.of(line));
    }

    /** Appends several lines with one flush: how a busy writer (the proxy's access log) keeps up. */
    public synchronized void writeAll(List<String> lines) {
        if (closed) {
            return;
        }
        try {
            if (out == null) {
                open();
            }
            for (String line : lines) {
                byte[] bytes = (line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
                if (size > 0 && size + bytes.length > maxBytes) {
                    rotate();
                }
                out.write(bytes);
                size += bytes.length;
            }
            out.flush();
            failed = false;
        } catch (IOException e) {
            if (!failed) {
                LOG.warn("cannot write log file {}: {}", file, e.toString());
            }
            failed = true;
            closeQuietly();
        }
    }

    private void open() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        // A link in the file's place is not followed (the open fails): a log must not write where a link
        // planted in LPM_HOME points.
        out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS));
        size = Files.size(file);
    }

    private void rotate() throws IOException {
        closeQuietly();
        Files.deleteIfExists(rotated(kept));
        for (int i = kept - 1; i >= 1; i--) {
            if (Files.exists(rotated(i))) {
                Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private Path rotated(int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing left to do with a file we cannot close
            }
            out = null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeQuietly();
    }
}
