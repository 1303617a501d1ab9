package dev.lpm.enforce.hosts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.Map;

/**
 * The system hosts file ({@code /etc/hosts}, or {@code LPM_HOSTS_FILE}) with lpm's {@link HostsBlock}:
 * replaced atomically (temp file in the same directory, fsync, rename) with its mode and owner kept, so
 * a crash never leaves a half-written hosts file and the resolver keeps reading it.
 */
public final class HostsFile {

    public static final String ENV = "LPM_HOSTS_FILE";

    private final Path path;

    public HostsFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    public static HostsFile fromEnvironment(Map<String, String> env, String osName) {
        String explicit = env.get(ENV);
        if (explicit != null && !explicit.isBlank()) {
            return new HostsFile(Path.of(explicit));
        }
        if (osName.toLowerCase(java.util.Locale.ROOT).contains("win")) {
            String root = env.getOrDefault("SystemRoot", "C:\\Windows");
            return new HostsFile(Path.of(root, "System32", "drivers", "etc", "hosts"));
        }
        return new HostsFile(Path.of("/etc/hosts"));
    }

    public Path path() {
        return path;
    }

    /** Writes the block for {@code names}; returns whether the file changed. */
    public boolean sync(List<String> names) throws IOException {
        return update(HostsBlock.withNames(read(), names));
    }

    /** Removes the block; returns whether the file changed. */
    public boolean clean() throws IOException {
        return update(HostsBlock.withoutBlock(read()));
    }

    private String read() throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("no hosts file at " + path);
        }
        return Files.readString(path, StandardCharsets.UTF_8);
    }

    private boolean update(String content) throws IOException {
        if (content.equals(read())) {
            return false; // nothing to do, and no admin rights needed for it
        }
        if (!Files.isWritable(path) || !Files.isWritable(path.getParent())) {
            throw new HostsNotWritableException(path);
        }
        Path tmp = Files.createTempFile(path.getParent(), "." + path.getFileName() + ".lpm", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            copyOwnerAndMode(path, tmp);
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AccessDeniedException e) {
            throw new HostsNotWritableException(path);
        } catch (FileSystemException e) {
            // e.g. a container's bind-mounted /etc/hosts, which cannot be replaced by a rename
            throw new IOException("cannot replace " + path + " atomically (" + e.getReason() + ")", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return true;
    }

    private static void copyOwnerAndMode(Path from, Path to) throws IOException {
        PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (target == null) {
            return; // Windows: the temp file inherits the directory's ACL like the original did
        }
        PosixFileAttributes source = Files.readAttributes(from, PosixFileAttributes.class);
        target.setPermissions(source.permissions());
        if (!source.owner().equals(Files.getOwner(to))) {
            target.setOwner(source.owner());
            target.setGroup(source.group());
        }
    }

    /** The hosts file belongs to the administrator. */
    public static final class HostsNotWritableException extends IOException {
        public HostsNotWritableException(Path path) {
            super(path + " is not writable: editing it needs admin rights: sudo lpm hosts sync"
                    + " (or, on Windows, an administrator prompt)");
        }
    }
}
