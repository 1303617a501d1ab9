package dev.lpm.docker.command;

import dev.lpm.docker.command.ContainerCliLine.Edit;
import dev.lpm.docker.command.ContainerCliLine.RunLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Walks the tokens once; collects runs, edits, refusals and notes. */
final class ContainerCliLineParser {

    private static final Set<String> WRAPPERS = Set.of("sudo", "doas", "env", "nohup", "nice", "time", "timeout",
            "setsid", "stdbuf", "xargs", "watch");
    private static final Set<String> TRANSPARENT = Set.of("exec", "command");

    private final List<ShellToken> tokens;
    final List<ContainerRun> runs = new ArrayList<>();
    final List<Edit> edits = new ArrayList<>();
    final List<Integer> subcommandEnds = new ArrayList<>();
    final List<String> refusals = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<String> otherCommands = new ArrayList<>();
    final List<RunLayout> layouts = new ArrayList<>();

    ContainerCliLineParser(List<ShellToken> tokens) {
        this.tokens = tokens;
    }

    void parse() {
        List<ShellToken> segment = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            ShellToken token = tokens.get(i);
            switch (token.kind()) {
                case CONTROL -> {
                    simpleCommand(segment);
                    segment = new ArrayList<>();
                }
                case REDIRECT -> i++; // the redirection's target is a file name, not an argument
                case WORD -> segment.add(token);
            }
        }
        simpleCommand(segment);
    }

    /** One simple command: assignments, then the command word, then its arguments. */
    private void simpleCommand(List<ShellToken> words) {
        int i = 0;
        while (i < words.size() && (isAssignment(words.get(i)) || TRANSPARENT.contains(words.get(i).value()))) {
            i++;
        }
        if (i >= words.size()) {
            return;
        }
        String command = basename(words.get(i).value());
        Optional<ContainerCli> cli = ContainerCli.named(command);
        if (cli.isPresent()) {
            containerCli(cli.get(), command, words, i + 1);
        } else if (WRAPPERS.contains(command)) {
            words.stream().skip(i + 1).map(w -> basename(w.value())).filter(w -> ContainerCli.named(w).isPresent())
                    .findFirst().ifPresent(tool -> refusals.add(tool + " started through `" + command
                            + "` cannot be checked by lpm; register the " + tool + " command itself (without "
                            + command + ")"));
        }
    }

    /** {@code tool} (docker, podman, ...: the command word as written) with its arguments from {@code i}. */
    private void containerCli(ContainerCli cli, String tool, List<ShellToken> words, int i) {
        while (i < words.size() && words.get(i).value().startsWith("-")) {
            ShellToken option = words.get(i);
            var takes = cli.globalOptions().takesNextWord(option.value());
            if (option.expands() || takes.isEmpty()) {
                refusals.add("lpm does not know the " + tool + " option `" + option.value() + "` before the "
                        + "subcommand, so it cannot tell where the subcommand is");
                return;
            }
            i += takes.get() ? 2 : 1;
        }
        if (i >= words.size()) {
            return;
        }
        String sub = words.get(i).value();
        if (words.get(i).expands()) {
            refusals.add("the " + tool + " subcommand `" + sub + "` is only known when the shell runs it; "
                    + "write it out");
            return;
        }
        if (sub.equals("container") && i + 1 < words.size()
                && (words.get(i + 1).value().equals("run") || words.get(i + 1).value().equals("create"))) {
            i++;
            sub = words.get(i).value();
        }
        if (sub.equals("run") || sub.equals("create")) {
            subcommandEnds.add(words.get(i).end());
            new ContainerRunParser(this, cli, tool, words, i + 1, sub).parse();
        } else {
            String what = tool + " " + sub;
            otherCommands.add(what);
            notes.add("`" + what + "` is not a " + tool + " run/create: lpm does not rewrite it"
                    + (sub.equals("compose") ? composeAdvice(cli) : ""));
        }
    }

    private static String composeAdvice(ContainerCli cli) {
        return " (set the addresses in the compose file: \"127.0.0.1:PORT:PORT\""
                + (cli.usesDockerHost() ? "; lpm's Docker API guard will check compose later)" : ")");
    }

    private static boolean isAssignment(ShellToken word) {
        return word.value().matches("[A-Za-z_][A-Za-z0-9_]*=.*");
    }

    private static String basename(String word) {
        return word.substring(word.lastIndexOf('/') + 1);
    }
}
