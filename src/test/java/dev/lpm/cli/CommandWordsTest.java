package dev.lpm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandWordsTest {

    /** Runs {@code sh -c} on the string as the supervisor does, with printf showing the argv it got. */
    private static List<String> argvSeenBy(String shell) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "printf '%s\\0' " + shell).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return new ArrayList<>(Arrays.asList(out.split("\0", -1)).subList(0, out.split("\0", -1).length - 1));
    }

    @Test
    void wordsAfterDoubleDashReachTheProgramExactly() throws Exception {
        List<String> typed = List.of("node", "-e", "console.log('hi \"there\"', $HOME, (1 + 2)) | cat", "a b",
                "it's", "$(id)", "`id`", "*", "", "{port}");

        String shell = CommandWords.toShell(typed, true);

        assertThat(argvSeenBy(shell)).containsExactlyElementsOf(typed);
    }

    @Test
    void oneQuotedArgumentStaysShellText() throws Exception {
        assertThat(CommandWords.toShell(List.of("echo a | tr a b"), false)).isEqualTo("echo a | tr a b");
    }

    @Test
    void oneWordAfterDoubleDashIsOneWord() throws Exception {
        assertThat(argvSeenBy(CommandWords.toShell(List.of("a | b"), true))).containsExactly("a | b");
    }
}
