package dev.lpm.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.testsupport.Requirements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The shell completion and man pages the build generates (target/cli/, by {@link CliDocs} at
 * prepare-package) work in the real shells and in man: a subcommand, an option and an argument's values
 * complete in bash, zsh (through bashcompinit) and fish, and every command's page renders.
 */
class CliDocsIT {

    private static final Path CLI = Path.of("target", "cli");
    private static final Path BASH = CLI.resolve("completion/lpm.bash");
    private static final Path FISH = CLI.resolve("completion/lpm.fish");

    private record Run(int exit, String out, String err) {}

    /** COMPREPLY after bash runs lpm's completion function on {@code words}, the last one being completed. */
    private static List<String> bashCompletes(String... words) throws Exception {
        String script = """
                source "$1"; shift
                COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
                _complete_lpm lpm "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" 2>/dev/null
                printf '%s\\n' "${COMPREPLY[@]}"
                """;
        List<String> command = new ArrayList<>(List.of("bash", "--norc", "--noprofile", "-c", script, "bash", BASH.toString()));
        command.addAll(List.of(words));
        Run run = run(command);
        assertThat(run.exit()).as(run.toString()).isZero();
        return run.out().lines().filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void bashCompletesSubcommandsOptionsAndValues() throws Exception {
        assertThat(BASH).as("built by mvn package (CliDocs)").isRegularFile();
        assertThat(bashCompletes("lpm", "re")).containsExactlyInAnyOrder("register", "restart", "resume");
        assertThat(bashCompletes("lpm", "kill-switch", "")).containsExactlyInAnyOrder("on", "off", "status");
        assertThat(bashCompletes("lpm", "register", "--no")).containsExactlyInAnyOrder("--no-kill-switch", "--no-start");
        assertThat(bashCompletes("lpm", "settings", "")).contains("set");
        // Every command in the tree is offered at the top.
        assertThat(bashCompletes("lpm", "")).containsAll(Launcher.commandLine().getSubcommands().keySet());
    }

    @Test
    void zshUsesTheSameScriptThroughBashcompinit() throws Exception {
        Requirements.requireCommand("zsh", "zsh");
        Path zdot = Files.createTempDirectory("lpmtest-zsh-");
        try {
            String script = """
                    autoload -U +X compinit && compinit -u -d "$ZDOTDIR/.zcompdump"
                    autoload -U +X bashcompinit && bashcompinit
                    source "$1"
                    print -r -- "registered: ${_comps[lpm]}"
                    setopt ksharrays
                    COMP_WORDS=(lpm re); COMP_CWORD=1; COMP_LINE="lpm re"; COMP_POINT=6
                    _complete_lpm lpm re lpm 2>/dev/null
                    print -l -- "${COMPREPLY[@]}"
                    """;
            Run run = run(List.of("env", "ZDOTDIR=" + zdot, "HOME=" + zdot, "zsh", "-f", "-c", script, "zsh",
                    BASH.toAbsolutePath().toString()));
            assertThat(run.exit()).as(run.toString()).isZero();
            // What zsh runs when lpm is completed; zsh itself keeps the replies that start with the word typed.
            assertThat(run.out()).contains("registered: _bash_complete -F _complete_lpm");
            assertThat(run.out().lines().toList()).contains("register", "restart", "resume");
        } finally {
            try (var files = Files.walk(zdot)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void fishCompletesSubcommandsOptionsAndValues() throws Exception {
        Requirements.requireCommand("fish", "fish");
        assertThat(fishCompletes("lpm re")).containsExactlyInAnyOrder("register", "restart", "resume");
        assertThat(fishCompletes("lpm kill-switch ")).containsExactlyInAnyOrder("on", "off", "status");
        assertThat(fishCompletes("lpm register --no")).containsExactlyInAnyOrder("--no-kill-switch", "--no-start");
        assertThat(fishCompletes("lpm settings ")).contains("set");
        assertThat(fishCompletes("lpm settings set ")).doesNotContain("set"); // the subcommand is there already
        assertThat(fishCompletes("lpm ")).containsAll(Launcher.commandLine().getSubcommands().keySet());
    }

    private static List<String> fishCompletes(String line) throws Exception {
        Run run = run(List.of("fish", "--no-config", "-c", "source $argv[1]; complete -C $argv[2]", FISH.toString(), line));
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        return run.out().lines().map(l -> l.split("\t", 2)[0]).toList();
    }

    @Test
    void everyCommandHasAManPageThatManRenders() throws Exception {
        Requirements.requireCommand("man", "man-db");
        List<List<String>> paths = new ArrayList<>();
        collect(Launcher.commandLine(), new ArrayList<>(), paths);
        for (List<String> path : paths) {
            String page = path.isEmpty() ? "lpm" : "lpm-" + String.join("-", path);
            Path file = CLI.resolve("man").resolve(page + ".1");
            assertThat(file).as("man page of %s", path).isRegularFile();
            Run man = run(List.of("env", "MANWIDTH=100", "man", "-l", file.toString()));
            assertThat(man.exit()).as(man.toString()).isZero();
            assertThat(man.err()).as("warnings from man/groff for %s", page).isEmpty();
            assertThat(man.out()).contains(page.toUpperCase() + "(1)").contains("NAME").contains("SYNOPSIS")
                    .containsPattern("SYNOPSIS\\s+" + java.util.regex.Pattern.quote(String.join(" ", prepend("lpm", path))) + " \\[-[a-zA-Z]*h");
        }
        Run register = run(List.of("env", "MANWIDTH=200", "man", "-l", CLI.resolve("man/lpm-register.1").toString()));
        // The -- of the command line stays two dashes (AsciiDoc would make it an em dash), options are listed.
        assertThat(register.out()).contains("after -- each word").containsPattern("web --\\s+node -e")
                .contains("--no-kill-switch").contains("--start-timeout=TIME").contains("LocalPortManager Secure");
        // Each example on a line of its own, not run together into the paragraph before it.
        assertThat(register.out().lines().map(String::strip).filter(l -> l.startsWith("Example:")).toList())
                .containsExactly("Example: lpm register api \"python3 -m http.server --bind 127.0.0.1 {port}\"",
                        "Example: lpm register web -- node -e 'console.log(process.env.PORT)'");
        Run root = run(List.of("env", "MANWIDTH=200", "man", "-l", CLI.resolve("man/lpm.1").toString()));
        assertThat(root.out()).contains("COMMANDS").contains("kill-switch").containsPattern("EXIT CODES:\\s+0\\s+ok")
                .containsPattern("3\\s+lpm audit found something high or critical");
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        into.add(path);
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            if (sub.getKey().equals(sub.getValue().getCommandName())) {
                List<String> subPath = new ArrayList<>(path);
                subPath.add(sub.getKey());
                collect(sub.getValue(), subPath, into);
            }
        }
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Path err = Files.createTempFile("lpmtest-clidocs-", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
            return new Run(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
