package dev.lpm.docker.apiguard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The file side of the guard's socket: whoever can connect to it can run containers, so the
 * directory must be the owner's alone (0700, which also closes the moment between bind and chmod)
 * and the socket 0600; anything else refuses to serve.
 */
final class OwnerOnlySocket {

    static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnlySocket() {}

    /** Creates the directory 0700 if needed, checks an existing one, and removes a stale socket file. */
    static void prepare(Path socket) throws IOException {
        Path dir = socket.toAbsolutePath().getParent();
        if (!Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        int dirUid = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (dirUid != currentUid() || mode.stream().anyMatch(OTHERS::contains)) {
            throw new IOException("the Docker API guard's directory " + dir + " must belong to you with mode 0700"
                    + " (it is " + PosixFilePermissions.toString(mode) + ", uid " + dirUid + "): chmod 700 " + dir);
        }
        // The caller holds the instance lock, so a socket file here belongs to a dead instance.
        Files.deleteIfExists(socket);
    }

    /** After bind: 0600, verified; returns the uid that may connect. */
    static int restrict(Path socket) throws IOException {
        Files.setPosixFilePermissions(socket, OWNER_RW);
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(socket, LinkOption.NOFOLLOW_LINKS);
        if (!actual.equals(OWNER_RW)) {
            throw new IOException("the Docker API guard's socket " + socket + " has mode "
                    + PosixFilePermissions.toString(actual) + " instead of rw-------; refusing to serve on it");
        }
        return (Integer) Files.getAttribute(socket, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    static int currentUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    /** SO_PEERCRED's verdict: only the socket's owner may talk to the engine through lpm. */
    static boolean peerAllowed(int peerUid, int ownerUid) {
        return peerUid == ownerUid;
    }
}
