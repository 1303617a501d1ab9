package dev.lpm.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the browsers of a Linux user keep their NSS databases: Chromium and Chrome share ~/.pki/nssdb (the
 * snap's Chromium has its own), each Firefox profile has a cert9.db (the deb's, the snap's, the flatpak's).
 * Only databases that exist: lpm does not create a browser's database for it.
 */
public final class NssDatabases {

    public record Found(Path dir, String label) {}

    private static final List<String> FIREFOX_ROOTS = List.of(".mozilla/firefox", "snap/firefox/common/.mozilla/firefox",
            ".var/app/org.mozilla.firefox/.mozilla/firefox");

    private NssDatabases() {}

    public static List<Found> under(Path home) {
        List<Found> found = new ArrayList<>();
        addIfDatabase(found, home.resolve(".pki/nssdb"), "Chromium, Chrome");
        addIfDatabase(found, home.resolve("snap/chromium/current/.pki/nssdb"), "Chromium snap");
        for (String root : FIREFOX_ROOTS) {
            Path profiles = home.resolve(root);
            if (!Files.isDirectory(profiles)) {
                continue;
            }
            try (Stream<Path> dirs = Files.list(profiles)) {
                dirs.sorted().forEach(dir -> addIfDatabase(found, dir, "Firefox profile " + dir.getFileName()));
            } catch (IOException e) {
                throw new TrustException("cannot list Firefox profiles in " + profiles + ": " + e.getMessage(), e);
            }
        }
        return found;
    }

    private static void addIfDatabase(List<Found> found, Path dir, String label) {
        if (Files.isRegularFile(dir.resolve("cert9.db"))) {
            found.add(new Found(dir, label));
        }
    }

    /** How to get certutil on this distribution, from /etc/os-release's ID and ID_LIKE. */
    public static String certutilInstall(String osRelease) {
        String ids = "";
        for (String line : osRelease.split("\n")) {
            if (line.startsWith("ID=") || line.startsWith("ID_LIKE=")) {
                ids += " " + line.substring(line.indexOf('=') + 1).replace("\"", "").toLowerCase(java.util.Locale.ROOT);
            }
        }
        if (ids.matches(".*\\b(fedora|rhel|centos)\\b.*")) {
            return "dnf install nss-tools";
        }
        if (ids.matches(".*\\b(arch)\\b.*")) {
            return "pacman -S nss";
        }
        if (ids.matches(".*\\b(suse|opensuse)\\b.*")) {
            return "zypper install mozilla-nss-tools";
        }
        return "apt-get install libnss3-tools";
    }
}
