package dev.lpm.audit.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The command line of the dockerd that serves a given engine address, from {@code /proc}. A machine may run
 * several (a rootless one, a test's): the one whose {@code -H} names the address, else for the default socket
 * the one started without {@code -H} (or with systemd's {@code fd://}), else the only one; never a guess.
 */
public final class DockerdProcess {

    static final List<String> DEFAULT_SOCKETS = List.of("unix:///var/run/docker.sock", "unix:///run/docker.sock");

    private DockerdProcess() {}

    /** dockerd's arguments for {@code dockerHost}, or empty when no dockerd here serves it (or it is unclear). */
    public static List<String> argsFor(Path proc, String dockerHost) {
        List<List<String>> all = dockerds(proc);
        String wanted = normal(dockerHost);
        Optional<List<String>> named = all.stream().filter(args -> hosts(args).stream().map(DockerdProcess::normal)
                .anyMatch(wanted::equals)).findFirst();
        if (named.isPresent()) {
            return named.get();
        }
        if (DEFAULT_SOCKETS.contains(wanted)) {
            List<List<String>> defaults = all.stream().filter(args -> hosts(args).isEmpty()
                    || hosts(args).stream().anyMatch(h -> h.startsWith("fd://"))).toList();
            if (defaults.size() == 1) {
                return defaults.getFirst();
            }
        }
        return all.size() == 1 ? all.getFirst() : List.of();
    }

    /** The addresses given with -H / --host, in order. */
    public static List<String> hosts(List<String> args) {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals("-H") || arg.equals("--host")) && i + 1 < args.size()) {
                hosts.add(args.get(i + 1));
            } else if (arg.startsWith("--host=") || arg.startsWith("-H=")) {
                hosts.add(arg.substring(arg.indexOf('=') + 1));
            } else if (arg.startsWith("-H") && arg.length() > 2 && !arg.startsWith("-H=")) {
                hosts.add(arg.substring(2));
            }
        }
        return hosts;
    }

    private static String normal(String host) {
        String h = host.strip();
        if (h.startsWith("/")) {
            h = "unix://" + h;
        }
        return h.endsWith("/") ? h.substring(0, h.length() - 1) : h;
    }

    /** The command lines of every process named dockerd. */
    static List<List<String>> dockerds(Path proc) {
        List<List<String>> result = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path dir : dirs) {
                try {
                    if (Files.readString(dir.resolve("comm")).strip().equals("dockerd")) {
                        String cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8);
                        result.add(Arrays.stream(cmdline.split("\0")).filter(s -> !s.isEmpty()).toList());
                    }
                } catch (IOException e) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return result;
    }
}
