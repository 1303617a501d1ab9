package dev.lpm.docker.command;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which options of a container CLI take a value: the fact lpm needs to find the subcommand and the image
 * (the word after {@code --name} is a value, the word after {@code --rm} is the image). An option missing
 * from a table is refused rather than guessed, because a wrong guess would hide a {@code -p} behind it.
 *
 * @param longWithValue  long options that take a value ({@code --name x}, {@code --name=x})
 * @param longBoolean    long options that do not ({@code --rm}, {@code --rm=false})
 * @param shortWithValue one-letter options that take a value ({@code -p 80}, {@code -p80}), as one string
 * @param shortBoolean   one-letter options that do not ({@code -d}, {@code -dit}), as one string
 */
record OptionTable(Set<String> longWithValue, Set<String> longBoolean, String shortWithValue, String shortBoolean) {

    OptionTable {
        longWithValue = Set.copyOf(longWithValue);
        longBoolean = Set.copyOf(longBoolean);
        Set<String> both = new HashSet<>(longWithValue);
        both.retainAll(longBoolean);
        String shortBoth = shortWithValue.chars().filter(c -> shortBoolean.indexOf(c) >= 0)
                .mapToObj(Character::toString).collect(Collectors.joining());
        if (!both.isEmpty() || !shortBoth.isEmpty()) {
            throw new IllegalArgumentException("an option either takes a value or not: " + both + " " + shortBoth);
        }
    }

    /** A table from blank-separated long names and strings of short letters. */
    static OptionTable of(String longWithValue, String longBoolean, String shortWithValue, String shortBoolean) {
        return new OptionTable(names(longWithValue), names(longBoolean), shortWithValue, shortBoolean);
    }

    private static Set<String> names(String blankSeparated) {
        return Arrays.stream(blankSeparated.split("\\s+")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /** These options and {@code more}'s: how a tool adds its own options to the ones it shares. */
    OptionTable plus(OptionTable more) {
        return new OptionTable(union(longWithValue, more.longWithValue), union(longBoolean, more.longBoolean),
                shortWithValue + more.shortWithValue, shortBoolean + more.shortBoolean);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet());
    }

    /** Whether long option {@code name} takes a value; empty when the tool has no such option. */
    Optional<Boolean> longTakesValue(String name) {
        if (longWithValue.contains(name)) {
            return Optional.of(true);
        }
        return longBoolean.contains(name) ? Optional.of(false) : Optional.empty();
    }

    /** Whether one-letter option {@code name} takes a value; empty when the tool has no such option. */
    Optional<Boolean> shortTakesValue(char name) {
        if (shortWithValue.indexOf(name) >= 0) {
            return Optional.of(true);
        }
        return shortBoolean.indexOf(name) >= 0 ? Optional.of(false) : Optional.empty();
    }

    /**
     * Whether the option word {@code word} (e.g. "--context", "-H", "--host=x") consumes the next word; empty
     * when it is not an option of this table. Only one option per word: enough for the options before a
     * subcommand.
     */
    Optional<Boolean> takesNextWord(String word) {
        if (word.startsWith("--")) {
            int eq = word.indexOf('=');
            return longTakesValue(word.substring(2, eq < 0 ? word.length() : eq)).map(value -> value && eq < 0);
        }
        if (word.length() >= 2) {
            Optional<Boolean> takes = shortTakesValue(word.charAt(1));
            if (takes.orElse(false)) {
                return Optional.of(word.length() == 2); // "-H x" or "-Hx"
            }
            if (takes.isPresent() && word.length() == 2) {
                return Optional.of(false);
            }
        }
        return Optional.empty();
    }
}
