package dev.lpm.enforce;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One table as {@code iptables -t TABLE -S} prints it: the chains ({@code -P} built-ins, {@code -N} the
 * others) and each chain's rules in order, as argument lists after {@code -A CHAIN} with the quotes
 * iptables puts around comments taken off.
 */
final class TableListing {

    private final Set<String> chains = new HashSet<>();
    private final Map<String, List<List<String>>> rules = new LinkedHashMap<>();

    private TableListing() {}

    static TableListing parse(String text) {
        TableListing listing = new TableListing();
        for (String line : text.lines().toList()) {
            List<String> words = words(line.strip());
            if (words.size() >= 2 && (words.get(0).equals("-P") || words.get(0).equals("-N"))) {
                listing.chains.add(words.get(1));
            } else if (words.size() >= 2 && words.get(0).equals("-A")) {
                listing.rules.computeIfAbsent(words.get(1), c -> new ArrayList<>())
                        .add(List.copyOf(words.subList(2, words.size())));
            }
        }
        return listing;
    }

    boolean hasChain(String chain) {
        return chains.contains(chain);
    }

    List<List<String>> rules(String chain) {
        return rules.getOrDefault(chain, List.of());
    }

    /** How many rules of {@code chain} are exactly {@code rule}. */
    int count(String chain, List<String> rule) {
        return (int) rules(chain).stream().filter(rule::equals).count();
    }

    /** Whether {@code rule} is the first rule of {@code chain}. */
    boolean isFirst(String chain, List<String> rule) {
        List<List<String>> all = rules(chain);
        return !all.isEmpty() && all.getFirst().equals(rule);
    }

    /** Whether any rule anywhere in the table carries a comment starting with {@code tagPrefix}. */
    boolean anyTagged(String tagPrefix) {
        return rules.values().stream().flatMap(List::stream).anyMatch(rule -> {
            int comment = rule.indexOf("--comment");
            return comment >= 0 && comment + 1 < rule.size() && rule.get(comment + 1).startsWith(tagPrefix);
        });
    }

    /** Splits a line at blanks; a double-quoted word loses its quotes and its backslash escapes. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == ' ' || c == '\t') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (c == '"') {
                    quoted = true;
                } else {
                    word.append(c);
                }
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
