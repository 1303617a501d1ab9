package dev.lpm.docker.command;

import java.util.Optional;
import java.util.Set;

/** The docker CLI's own options, which may stand before the subcommand ({@code docker --context x run}). */
final class DockerGlobalOptions {

    private static final Set<String> LONG_WITH_VALUE = Set.of("config", "context", "host", "log-level",
            "tlscacert", "tlscert", "tlskey");
    private static final Set<String> LONG_BOOLEAN = Set.of("debug", "tls", "tlsverify", "help", "version");
    private static final String SHORT_WITH_VALUE = "cHl";
    private static final String SHORT_BOOLEAN = "Dhv";

    private DockerGlobalOptions() {}

    /** Whether the option word {@code word} (e.g. "--context", "-H", "--host=x") consumes the next word. */
    static Optional<Boolean> takesNextWord(String word) {
        if (word.startsWith("--")) {
            int eq = word.indexOf('=');
            String name = word.substring(2, eq < 0 ? word.length() : eq);
            if (LONG_WITH_VALUE.contains(name)) {
                return Optional.of(eq < 0);
            }
            return LONG_BOOLEAN.contains(name) ? Optional.of(false) : Optional.empty();
        }
        if (word.length() >= 2) {
            char c = word.charAt(1);
            if (SHORT_WITH_VALUE.indexOf(c) >= 0) {
                return Optional.of(word.length() == 2);
            }
            if (SHORT_BOOLEAN.indexOf(c) >= 0 && word.length() == 2) {
                return Optional.of(false);
            }
        }
        return Optional.empty();
    }
}
