package dev.lpm.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The command that starts lpm again, for entries that start it at login: the installed app's
 * LocalPortManager launcher when running from the installed app (jpackage sets {@code jpackage.app-path}
 * to the launcher in use; its GUI sibling opens no console window on Windows), else {@code lpm} from
 * the PATH.
 */
public final class LpmLaunchPath {

    private LpmLaunchPath() {}

    /** The program to run, as an absolute path when known. */
    public static String current() {
        return of(System.getProperty("jpackage.app-path"), System.getenv());
    }

    static String of(String appPath, Map<String, String> env) {
        if (appPath != null && !appPath.isBlank() && Files.isExecutable(Path.of(appPath))) {
            Path launcher = Path.of(appPath).toAbsolutePath();
            for (String gui : List.of("LocalPortManager", "LocalPortManager.exe")) {
                Path sibling = launcher.resolveSibling(gui);
                if (Files.isExecutable(sibling)) {
                    return sibling.toString();
                }
            }
            return launcher.toString();
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String name : List.of("lpm", "lpm.exe")) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toAbsolutePath().toString();
                }
            }
        }
        return "lpm";
    }
}
