package dev.lpm.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a service's command line is run: {@code sh -c CMD} on Linux/macOS, prefixed with {@code setsid}
 * when available so the service leads its own session and process group (pgid == its pid) and the
 * whole group can be signalled at stop; {@code cmd /c CMD} on Windows.
 *
 * @param argv            what to hand to ProcessBuilder
 * @param ownProcessGroup whether the launched process leads its own process group
 */
record ShellLaunch(List<String> argv, boolean ownProcessGroup) {

    static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    private static final String SETSID = findSetsid();

    ShellLaunch {
        argv = List.copyOf(argv);
    }

    static ShellLaunch of(String command) {
        if (WINDOWS) {
            return new ShellLaunch(List.of("cmd", "/c", command), false);
        }
        List<String> argv = new ArrayList<>();
        if (SETSID != null) {
            argv.add(SETSID);
        }
        argv.addAll(List.of("sh", "-c", command));
        return new ShellLaunch(argv, SETSID != null);
    }

    /** Where a child's stdin comes from: nothing. */
    static File nullDevice() {
        return new File(WINDOWS ? "NUL" : "/dev/null");
    }

    private static String findSetsid() {
        if (WINDOWS) {
            return null;
        }
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            return "/usr/bin/setsid";
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "setsid"))) {
                    return Path.of(dir, "setsid").toString();
                }
            }
        }
        return null;
    }
}
