package dev.lpm.cli;

import dev.lpm.docker.command.ShellQuoting;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns {@code lpm register}'s COMMAND words into the one shell string the service runs with {@code sh -c}.
 * One quoted argument is the user's shell text, run as written; words (or anything after {@code --}) are
 * the argv the user's shell already split, so each is quoted to reach the program exactly as typed.
 */
final class CommandWords {

    private CommandWords() {}

    static String toShell(List<String> words, boolean afterDoubleDash) {
        if (words.size() == 1 && !afterDoubleDash) {
            return words.getFirst();
        }
        return words.stream().map(ShellQuoting::quote).collect(Collectors.joining(" "));
    }
}
