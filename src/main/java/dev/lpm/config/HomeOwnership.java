package dev.lpm.config;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trusts an LPM_HOME only when it is the user's own, as ssh's StrictModes does for ~/.ssh: the daemon
 * runs the commands its state file names and writes where its logs directory points, so a home another
 * user can write to, or has planted, would run their commands as this user (as root, if root runs lpm).
 * <p>
 * The home and everything in it, looked at without following links: directories, regular files and
 * sockets only, no symbolic links; each owned by the user lpm runs as; none writable by group or others.
 * Two kinds of looseness an older lpm or the umask may have left are tightened instead of refused, and
 * only on entries that passed the rest: a home readable by others becomes 0700 (lpm always made it so),
 * and entries inside an owner-only home lose their group/other write bits (with umask 002 the logs were
 * made 0664). That is safe because nobody else can reach inside a 0700 directory, so nobody could have
 * written through those bits. Anything else is refused with the command that fixes it.
 */
final class HomeOwnership {

    private static final Logger LOG = LoggerFactory.getLogger(HomeOwnership.class);

    private static final int TYPE_MASK = 0170000;
    private static final int DIRECTORY = 0040000;
    private static final int REGULAR_FILE = 0100000;
    private static final int SOCKET = 0140000;
    private static final int SYMBOLIC_LINK = 0120000;
    private static final int GROUP_OR_OTHERS_WRITE = 0022;
    private static final int GROUP_OR_OTHERS_ANY = 0077;

    private HomeOwnership() {}

    /** Whether this file system has owners and modes to check (not on Windows). */
    static boolean applies(Path home) throws IOException {
        Path existing = home;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileStore(existing).supportsFileAttributeView("unix");
    }

    /**
     * Checks {@code home} and everything in it for {@code uid}, tightening what is safe to tighten.
     *
     * @throws UntrustedHomeException naming the first problem and its fix
     */
    static void verify(Path home, int uid) {
        try {
            Entry top = Entry.of(home);
            refuseLinkOrStrangeType(home, home, top);
            refuseForeignOwner(home, home, top, uid);
            if ((top.mode & GROUP_OR_OTHERS_WRITE) != 0) {
                throw untrusted(home, home + " can be written by other users (mode " + text(top.mode)
                        + "), so someone else may have changed what is in it. Check its content, then: chmod 700 "
                        + home);
            }
            boolean ownerOnly = (top.mode & GROUP_OR_OTHERS_ANY) == 0;
            Files.walkFileTree(home, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    try {
                        if (!dir.equals(home)) {
                            check(home, dir, uid, ownerOnly);
                        }
                        return FileVisitResult.CONTINUE;
                    } catch (NoSuchFileException gone) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    try {
                        check(home, file, uid, ownerOnly);
                    } catch (NoSuchFileException gone) {
                        // Removed between the listing and the check (an instance's atomic-write temp file):
                        // what is gone cannot have been planted.
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw untrusted(home, "lpm cannot check " + file + " (" + e.getMessage() + ")");
                }
            });
            if (!ownerOnly) {
                setMode(home, top.mode & ~GROUP_OR_OTHERS_ANY);
            }
        } catch (IOException e) {
            throw untrusted(home, "lpm cannot check it (" + e + ")");
        }
    }

    private static void check(Path home, Path path, int uid, boolean homeIsOwnerOnly) throws IOException {
        Entry entry = Entry.of(path);
        refuseLinkOrStrangeType(home, path, entry);
        refuseForeignOwner(home, path, entry, uid);
        if ((entry.mode & GROUP_OR_OTHERS_WRITE) == 0) {
            return;
        }
        if (!homeIsOwnerOnly) {
            throw untrusted(home, path + " can be written by other users (mode " + text(entry.mode) + ") and "
                    + home + " lets them in, so someone else may have changed it. Check it, then: chmod -R go-w "
                    + home + " && chmod 700 " + home);
        }
        LOG.info("{} could be written by group or others (mode {}); made it {}", path, text(entry.mode),
                text(entry.mode & ~GROUP_OR_OTHERS_WRITE));
        setMode(path, entry.mode & ~GROUP_OR_OTHERS_WRITE);
    }

    private static void refuseLinkOrStrangeType(Path home, Path path, Entry entry) {
        int type = entry.mode & TYPE_MASK;
        if (type == SYMBOLIC_LINK) {
            throw untrusted(home, path + " is a symbolic link, and lpm follows no links in its home (one planted"
                    + " there could send its state or logs anywhere). If you made it, put the real directory or"
                    + " file there instead; otherwise remove it: rm " + path);
        }
        boolean expected = type == DIRECTORY || (!path.equals(home) && (type == REGULAR_FILE || type == SOCKET));
        if (!expected) {
            throw untrusted(home, path + " is not a " + (path.equals(home) ? "directory" : "directory, file or socket")
                    + ", which lpm never makes there; remove it: rm " + path);
        }
    }

    private static void refuseForeignOwner(Path home, Path path, Entry entry, int uid) {
        if (entry.uid != uid) {
            throw untrusted(home, path + " belongs to uid " + entry.uid + ", not to you (uid " + uid + "), and lpm"
                    + " would run what its state names. Run lpm as the user who owns " + home + ", point LPM_HOME"
                    + " at a directory of your own, or, if it is yours to take over: chown -R " + uid + " " + home);
        }
    }

    private static UntrustedHomeException untrusted(Path home, String why) {
        return new UntrustedHomeException("LPM_HOME " + home + " is not safe to use: " + why);
    }

    /** Changes the mode of {@code path} itself, never of what a link there points to. */
    private static void setMode(Path path, int mode) throws IOException {
        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setPermissions(permissions(mode));
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder text = new StringBuilder(9);
        String letters = "rwxrwxrwx";
        for (int bit = 8; bit >= 0; bit--) {
            text.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
        }
        return PosixFilePermissions.fromString(text.toString());
    }

    private static String text(int mode) {
        return PosixFilePermissions.toString(permissions(mode)) + " (" + Integer.toOctalString(mode & 0777) + ")";
    }

    /** Owner and mode (with the file type bits) of a path itself, links not followed. */
    private record Entry(int uid, int mode) {
        static Entry of(Path path) throws IOException {
            Map<String, Object> attributes = Files.readAttributes(path, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
            return new Entry((Integer) attributes.get("uid"), (Integer) attributes.get("mode"));
        }
    }
}
