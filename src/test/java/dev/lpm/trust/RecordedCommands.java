package dev.lpm.trust;

import dev.lpm.enforce.CommandResult;
import dev.lpm.enforce.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Answers commands with recorded output (what the real tool printed on its OS), in the order given for the
 * same command line, and keeps every command line it was asked to run.
 */
final class RecordedCommands implements CommandRunner {

    private final Map<String, List<CommandResult>> answers = new LinkedHashMap<>();
    private final List<List<String>> ran = new ArrayList<>();
    private Function<List<String>, CommandResult> otherwise = argv -> {
        throw new AssertionError("no recorded output for: " + String.join(" ", argv));
    };

    RecordedCommands answer(List<String> argv, CommandResult... results) {
        answers.computeIfAbsent(String.join("\u0000", argv), k -> new ArrayList<>()).addAll(List.of(results));
        return this;
    }

    RecordedCommands otherwise(Function<List<String>, CommandResult> fallback) {
        this.otherwise = fallback;
        return this;
    }

    @Override
    public CommandResult run(List<String> argv, Duration timeout) {
        ran.add(List.copyOf(argv));
        List<CommandResult> queue = answers.get(String.join("\u0000", argv));
        if (queue == null || queue.isEmpty()) {
            return otherwise.apply(argv);
        }
        return queue.size() == 1 ? queue.getFirst() : queue.removeFirst();
    }

    List<List<String>> ran() {
        return ran;
    }

    TrustCommands commands() {
        return new TrustCommands(this, Map.of("PATH", "/usr/bin:/bin"));
    }
}
