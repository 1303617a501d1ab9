package dev.lpm.tls;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read: the CA key is made 0600 from its first byte (created with that mode,
 * never chmod-ed after writing), in a 0700 directory, and replaced by an atomic rename so a crash leaves
 * either the old file or the new one. Where the file system has no POSIX modes (Windows) the per-user
 * profile directory's ACLs are what protects it.
 */
final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {}

    static void createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, posix(parent) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIRECTORY)}
                    : new FileAttribute<?>[0]);
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw raced;
            }
            return;
        }
        if (posix(dir)) {
            view(dir).setPermissions(DIRECTORY); // the umask may have taken bits off, never added
        }
    }

    static Set<OpenOption> createOptions() {
        return Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    static FileAttribute<?>[] attributes(Path dir) throws IOException {
        return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    /** Writes {@code content} to a new 0600 file beside {@code target}, then renames it over {@code target}. */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path dir = target.getParent();
        Path temp = dir.resolve("." + target.getFileName() + ".new");
        Files.deleteIfExists(temp);
        try (var channel = Files.newByteChannel(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), attributes(dir))) {
            channel.write(java.nio.ByteBuffer.wrap(content));
        }
        try (var channel = java.nio.channels.FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A key others can read may have been copied: refuse it rather than tighten it silently. */
    static void refuseReadableByOthers(Path keyFile) throws IOException {
        if (Files.isSymbolicLink(keyFile)) {
            throw new CaUnusableException(keyFile + " is a symbolic link; lpm keeps its CA key in a file of its own."
                    + " Remove the directory so lpm makes a new CA, then trust it again: rm -r " + keyFile.getParent()
                    + " && lpm trust");
        }
        if (!posix(keyFile)) {
            return;
        }
        Set<PosixFilePermission> mode = view(keyFile).readAttributes().permissions();
        if (!FILE.containsAll(mode)) {
            throw new CaUnusableException(keyFile + " can be read or written by other users (mode "
                    + PosixFilePermissions.toString(mode) + "), so it may have been copied. Make a new CA and trust"
                    + " that instead: lpm untrust && rm -r " + keyFile.getParent() + " && lpm trust");
        }
    }

    private static boolean posix(Path existing) throws IOException {
        Path probe = existing;
        while (probe != null && !Files.exists(probe)) {
            probe = probe.getParent();
        }
        return probe != null && Files.getFileStore(probe).supportsFileAttributeView(PosixFileAttributeView.class);
    }

    private static PosixFileAttributeView view(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    }
}
