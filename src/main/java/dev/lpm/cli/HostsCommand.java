package dev.lpm.cli;

import dev.lpm.config.LpmHome;
import dev.lpm.enforce.hosts.HostsFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "hosts", description = {
        "Write NAME.localhost lines into the hosts file (sync), or remove them again (clean).",
        "For tools that do not resolve *.localhost by themselves: one 127.0.0.1 and one ::1 line per registered"
                + " service. Only the lines between '# BEGIN lpm managed' and '# END lpm managed' are touched."
                + " Needs admin rights: sudo lpm hosts sync"})
final class HostsCommand implements Callable<Integer> {

    enum Action { sync, clean }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "sync|clean", description = "sync or clean")
    Action action;

    @Option(names = "--file", paramLabel = "PATH",
            description = "the hosts file (default: $LPM_HOSTS_FILE, else /etc/hosts)")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        HostsFile hosts = file != null ? new HostsFile(file)
                : HostsFile.fromEnvironment(System.getenv(), System.getProperty("os.name"));
        try {
            switch (action) {
                case sync -> {
                    List<String> names = RegisteredNames.read(home());
                    boolean changed = hosts.sync(names);
                    out.println((changed ? "Updated " : "Already up to date: ") + hosts.path() + " ("
                            + names.size() + " service" + (names.size() == 1 ? "" : "s") + ")");
                    out.println("To keep it in step as services come and go: lpm settings set hostsSync true");
                }
                case clean -> out.println((hosts.clean() ? "Removed lpm's lines from " : "No lpm lines in ")
                        + hosts.path());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        return 0;
    }

    /** Under sudo, the invoking user's LPM_HOME (their services), not root's. */
    private static LpmHome home() {
        Map<String, String> env = System.getenv();
        String sudoUser = env.get("SUDO_USER");
        if (env.get(LpmHome.ENV) == null && sudoUser != null && !sudoUser.isBlank()) {
            String userHome = homeOf(sudoUser);
            String sudoUid = env.get("SUDO_UID");
            if (userHome != null && sudoUid != null && sudoUid.matches("\\d{1,9}")) {
                // Trusted only if it is that user's own, as lpm running as them would require.
                return LpmHome.fromEnvironment(Map.of(), System.getProperty("os.name"), userHome)
                        .verifiedFor(Integer.parseInt(sudoUid));
            }
        }
        return LpmHome.fromEnvironment().verified();
    }

    private static String homeOf(String user) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":");
                if (fields.length >= 6 && fields[0].equals(user)) {
                    return fields[5];
                }
            }
        } catch (IOException e) {
            // no passwd file to read: fall back to this process's own home
        }
        return null;
    }
}
