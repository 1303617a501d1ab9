package dev.lpm.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.enforce.helper.HelperConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code lpm helper} is a subcommand like the others, and has a command line of its own that loads nothing else. */
class HelperCommandTest {

    @Test
    void lpmListsTheHelperAmongItsCommands() {
        CommandLine cli = Launcher.commandLine();
        assertThat(cli.getSubcommands()).containsKey("helper");
        assertThat((Object) cli.getSubcommands().get("helper").getCommand()).isInstanceOf(HelperCommand.class);
    }

    @Test
    void optionsDefaultToTheSystemPathsAndCanBeMovedForTests() {
        HelperCommand defaults = new HelperCommand();
        new CommandLine(defaults).parseArgs();
        assertThat(new HelperConfig(defaults.socket, defaults.state, defaults.policy, defaults.hostsFile)).isEqualTo(HelperConfig.defaults());
        assertThat(HelperConfig.defaults().socket()).isEqualTo(Path.of("/run/lpm/helper.sock"));
        assertThat(HelperConfig.defaults().state()).isEqualTo(Path.of("/var/lib/lpm/helper-state.json"));
        assertThat(HelperConfig.defaults().policy()).isEqualTo(Path.of("/etc/lpm/helper.json"));

        HelperCommand moved = new HelperCommand();
        new CommandLine(moved).parseArgs("--socket", "/tmp/s", "--state", "/tmp/st.json", "--policy", "/tmp/p.json");
        assertThat(moved.socket).isEqualTo(Path.of("/tmp/s"));
        assertThat(moved.state).isEqualTo(Path.of("/tmp/st.json"));
        assertThat(moved.policy).isEqualTo(Path.of("/tmp/p.json"));
    }

    @Test
    void itsOwnCommandLineShowsHelpAndRefusesUnknownOptions() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Launcher.helperCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: lpm helper [-h] [--release-all] [--hosts-file=PATH] [--policy=PATH]")
                .contains("--state=PATH").contains("--socket=PATH");
        assertThat(cli.execute("--ruleset", "x")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown options: '--ruleset', 'x'");
    }
}
