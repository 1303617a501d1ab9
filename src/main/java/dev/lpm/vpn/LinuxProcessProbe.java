package dev.lpm.vpn;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Linux process names from {@code /proc/PID/comm}: one small world-readable file per process, so it also
 * sees root's VPN daemons when lpm runs as a user (ProcessHandle cannot), at a fraction of OSHI's cost
 * (measured: OSHI reads several files per process). comm is cut at 15 characters; {@link VpnRules}
 * matches such names by prefix.
 */
public final class LinuxProcessProbe implements ProcessProbe {

    private static final Path PROC = Path.of("/proc");

    @Override
    public List<String> processNames() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> isPid(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                try {
                    names.add(Files.readString(dir.resolve("comm")).strip());
                } catch (IOException e) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return names.stream().distinct().toList();
    }

    /** The probe for this OS: /proc on Linux, OSHI elsewhere (macOS, Windows services of other users). */
    public static ProcessProbe forThisOs() {
        return System.getProperty("os.name", "").startsWith("Linux") && Files.isDirectory(PROC)
                ? new LinuxProcessProbe() : new OshiProcessProbe();
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
