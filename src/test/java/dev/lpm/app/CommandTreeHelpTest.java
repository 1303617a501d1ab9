package dev.lpm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command in lpm's tree answers {@code --help} and {@code help CMD} with its usage, exit 0. */
class CommandTreeHelpTest {

    /** The path of every command below the root, e.g. [register], [help]. */
    static Stream<List<String>> commands() {
        List<List<String>> paths = new ArrayList<>();
        collect(Launcher.commandLine(), new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(20);
        return paths.stream();
    }

    /** picocli's help takes one command name: nested ones (settings set) answer their own --help. */
    static Stream<List<String>> topLevelCommands() {
        return commands().filter(path -> path.size() == 1);
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals(sub.getCommandName())) {
                return; // an alias of a command already walked
            }
            List<String> subPath = new ArrayList<>(path);
            subPath.add(name);
            into.add(subPath);
            collect(sub, subPath, into);
        });
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(List<String> args) {
        CommandLine cli = Launcher.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void dashDashHelpPrintsTheUsage(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");

        Run run = run(args);

        assertThat(run.exit()).as("%s: %s", args, run.err()).isZero();
        assertThat(run.out()).contains("Usage: lpm " + String.join(" ", path));
    }

    @ParameterizedTest
    @MethodSource("topLevelCommands")
    void helpCommandPrintsTheSameUsage(List<String> path) {
        List<String> args = new ArrayList<>(List.of("help"));
        args.addAll(path);

        Run run = run(args);

        assertThat(run.exit()).as("%s: %s", args, run.err()).isZero();
        assertThat(run.out()).contains("Usage: lpm " + String.join(" ", path));
    }

    @org.junit.jupiter.api.Test
    void theTopLevelListEndsEverySummaryAtASentence() {
        Run run = run(List.of("--help"));

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("hosts").contains("Write NAME.localhost lines into the hosts file (sync), or"
                .split(",")[0]);
    }
}
