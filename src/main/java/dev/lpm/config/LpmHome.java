package dev.lpm.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where lpm keeps its state: {@code LPM_HOME} if set, else the platform's per-user state directory
 * (Linux: {@code $XDG_STATE_HOME/lpm} or {@code ~/.local/state/lpm}; macOS:
 * {@code ~/Library/Application Support/LocalPortManager}; Windows: {@code %LOCALAPPDATA%\LocalPortManager}).
 */
public record LpmHome(Path dir) {

    public static final String ENV = "LPM_HOME";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    public static LpmHome fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    }

    public static LpmHome fromEnvironment(Map<String, String> env, String osName, String userHome) {
        String explicit = env.get(ENV);
        if (explicit != null && !explicit.isBlank()) {
            return new LpmHome(Path.of(explicit).toAbsolutePath());
        }
        String os = osName.toLowerCase(Locale.ROOT);
        Path home = Path.of(userHome);
        if (os.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local != null ? Path.of(local) : home.resolve("AppData").resolve("Local");
            return new LpmHome(base.resolve("LocalPortManager"));
        }
        if (os.contains("mac")) {
            return new LpmHome(home.resolve("Library").resolve("Application Support").resolve("LocalPortManager"));
        }
        String xdg = env.get("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("state");
        return new LpmHome(base.resolve("lpm"));
    }

    public Path services() {
        return dir.resolve("services.json");
    }

    public Path settings() {
        return dir.resolve("settings.json");
    }

    public Path lock() {
        return dir.resolve("lpm.lock");
    }

    public Path controlSocket() {
        return dir.resolve("lpm.sock");
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    public Path accessLog() {
        return logs().resolve("access.log");
    }

    /** Which processes the running instance launched (process.RunJournal), for the next one if it dies. */
    public Path runJournal() {
        return dir.resolve("running.json");
    }

    public Path daemonLog() {
        return logs().resolve("daemon.log");
    }

    /** The images' SBOMs ({@code lpm audit --images}), one CycloneDX JSON file per image id. */
    public Path sboms() {
        return dir.resolve("sbom");
    }

    /**
     * Creates the home if needed (owner-only, 0700: the control socket inside it accepts commands that
     * run programs, so nobody else may even reach it) with its logs directory, after checking that an
     * existing one is the user's own ({@link HomeOwnership}).
     *
     * @throws UntrustedHomeException when it is not, saying how to fix it
     */
    public LpmHome ensureExists() throws IOException {
        if (!HomeOwnership.applies(dir)) {
            Files.createDirectories(logs()); // no owners and modes to check (Windows)
            return this;
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = dir.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            createOwnerOnly(dir);
        }
        HomeOwnership.verify(dir, ProcessOwner.uid());
        if (!Files.exists(logs(), LinkOption.NOFOLLOW_LINKS)) {
            createOwnerOnly(logs());
        }
        return this;
    }

    /**
     * Checks the home, if there is one yet, before a command reads its state or talks to its socket.
     *
     * @throws UntrustedHomeException when it is not the user's own, saying how to fix it
     */
    public LpmHome verified() {
        try {
            return verifiedFor(ProcessOwner.uid());
        } catch (IOException e) {
            throw new UntrustedHomeException("LPM_HOME " + dir + " cannot be checked: " + e.getMessage());
        }
    }

    /** {@link #verified()} for another user's home: root reading the state of the user who ran sudo. */
    public LpmHome verifiedFor(int uid) {
        try {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && HomeOwnership.applies(dir)) {
                HomeOwnership.verify(dir, uid);
            }
        } catch (IOException e) {
            throw new UntrustedHomeException("LPM_HOME " + dir + " cannot be checked: " + e.getMessage());
        }
        return this;
    }

    /** mkdir with mode 0700 whatever the umask; fails if anything (a link included) is already there. */
    private static void createOwnerOnly(Path path) throws IOException {
        try {
            Files.createDirectory(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            return; // made at the same moment by another lpm: verify() judges it
        }
        Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS).setPermissions(OWNER_ONLY);
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
