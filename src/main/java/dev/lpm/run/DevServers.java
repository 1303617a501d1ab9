package dev.lpm.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.core.ServiceSpec;
import dev.lpm.docker.command.ShellToken;
import dev.lpm.docker.command.ShellWords;
import dev.lpm.storage.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The dev servers that ignore {@code PORT} and how each is told its port and host, and the one decision
 * how a command learns its port ({@link CommandPort}). A command counts as such a server only when it is
 * one simple command (no pipes, lists or redirections) that runs the server's binary directly, through a
 * package runner ({@code npx}, {@code npm exec}, {@code pnpm exec}, {@code pnpm dlx}, {@code yarn},
 * {@code bunx}, {@code bun x}), or through a package.json script ({@code npm run dev}, {@code pnpm dev},
 * {@code yarn dev}, {@code bun run dev}) whose own text is such a command. Anything else gets only
 * {@code $PORT}, as before.
 */
public final class DevServers {

    private static final String LOOPBACK = "127.0.0.1";

    /** One dev server: the binary, the subcommands that serve (empty: the bare binary serves too), the flags. */
    private record Server(String label, String binary, Set<String> serving, boolean bareServes, List<String> flags) {}

    private static final List<Server> SERVERS = List.of(
            new Server("Vite", "vite", Set.of("dev", "serve", "preview"), true,
                    List.of("--port", ServiceSpec.PORT_PLACEHOLDER, "--strictPort", "--host", LOOPBACK)),
            new Server("Astro", "astro", Set.of("dev", "preview"), false,
                    List.of("--port", ServiceSpec.PORT_PLACEHOLDER, "--host", LOOPBACK)),
            new Server("Angular (ng serve)", "ng", Set.of("serve", "s"), false,
                    List.of("--port", ServiceSpec.PORT_PLACEHOLDER, "--host", LOOPBACK)),
            new Server("React Router", "react-router", Set.of("dev"), false,
                    List.of("--port", ServiceSpec.PORT_PLACEHOLDER, "--host", LOOPBACK)),
            // Expo's --host is a connection type, not an address: localhost keeps Metro on loopback.
            new Server("Expo", "expo", Set.of("start"), false,
                    List.of("--port", ServiceSpec.PORT_PLACEHOLDER, "--host", "localhost")),
            new Server("React Native (Metro)", "react-native", Set.of("start"), false,
                    List.of("--port", ServiceSpec.PORT_PLACEHOLDER, "--host", LOOPBACK)));

    private DevServers() {}

    /** The frameworks lpm adds port and host to, for messages. */
    public static List<String> known() {
        return SERVERS.stream().map(Server::label).toList();
    }

    /**
     * How {@code command}, run in {@code workingDirectory} (whose package.json names the scripts; may be
     * null), learns its port.
     */
    public static CommandPort decide(String command, Path workingDirectory) {
        if (command.contains(ServiceSpec.PORT_PLACEHOLDER)) {
            return new CommandPort(command, CommandPort.How.PLACEHOLDER, null);
        }
        return server(command, workingDirectory, true)
                .map(found -> new CommandPort(command + " " + found.suffix(), CommandPort.How.INJECTED,
                        found.server().label()))
                .orElse(new CommandPort(command, CommandPort.How.ENVIRONMENT_ONLY, null));
    }

    /** A recognised server and the text to append to the command that runs it. */
    private record Found(Server server, String suffix) {}

    private static Optional<Found> server(String command, Path workingDirectory, boolean scriptsAllowed) {
        List<String> words = simpleCommand(command);
        if (words == null) {
            return Optional.empty();
        }
        int i = 0;
        while (i < words.size() && isAssignment(words.get(i))) {
            i++; // FOO=bar vite
        }
        List<String> rest = words.subList(i, words.size());
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        String program = baseName(rest.getFirst());
        List<String> args = rest.subList(1, rest.size());
        Optional<Script> script = script(program, args);
        if (script.isPresent()) {
            if (!scriptsAllowed) {
                return Optional.empty();
            }
            String text = scriptText(workingDirectory, script.get().name());
            if (text != null) {
                // npm passes what follows "--" to the script; pnpm, yarn and bun pass extra words as they are.
                return server(text, workingDirectory, false).map(found -> new Found(found.server(),
                        (program.equals("npm") && !args.contains("--") ? "-- " : "") + found.suffix()));
            }
            if (!Set.of("pnpm", "yarn").contains(program) || args.getFirst().equals("run")) {
                return Optional.empty();
            }
            // pnpm NAME and yarn NAME run the package's binary when no script has that name
        }
        List<String> served = afterRunner(program, args);
        if (served == null || served.isEmpty()) {
            return Optional.empty();
        }
        return serverOf(served).map(server -> new Found(server, String.join(" ", server.flags())));
    }

    /** The binary's words when {@code program args} runs a package binary (directly or through a runner). */
    private static List<String> afterRunner(String program, List<String> args) {
        List<String> rest = switch (program) {
            case "npx", "bunx", "pnpx" -> args;
            case "npm" -> args.isEmpty() || !args.getFirst().equals("exec") ? null : args.subList(1, args.size());
            case "pnpm" -> args.isEmpty() ? null
                    : Set.of("exec", "dlx").contains(args.getFirst()) ? args.subList(1, args.size()) : args;
            case "yarn" -> args.isEmpty() ? null : args.getFirst().equals("exec") ? args.subList(1, args.size()) : args;
            case "bun" -> args.isEmpty() || !args.getFirst().equals("x") ? null : args.subList(1, args.size());
            default -> null;
        };
        if (rest == null) {
            return prepend(program, args); // the binary itself
        }
        int skip = 0;
        while (skip < rest.size() && rest.get(skip).startsWith("-")) {
            skip++; // npx --yes vite, npm exec -- vite
        }
        return skip == rest.size() ? List.of() : prepend(baseName(rest.get(skip)), rest.subList(skip + 1, rest.size()));
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static Optional<Server> serverOf(List<String> words) {
        String binary = baseName(words.getFirst());
        List<String> args = words.subList(1, words.size());
        if (args.contains("--port") || args.stream().anyMatch(a -> a.startsWith("--port="))) {
            return Optional.empty(); // the user chose the port: lpm does not fight over it
        }
        String sub = args.stream().filter(a -> !a.startsWith("-")).findFirst().orElse(null);
        return SERVERS.stream().filter(s -> s.binary().equals(binary))
                .filter(s -> sub == null ? s.bareServes() : s.serving().contains(sub)
                        || s.bareServes() && !looksLikeSubcommand(s, sub))
                .findFirst();
    }

    /** {@code vite build} builds, {@code vite ./site} serves a directory. */
    private static boolean looksLikeSubcommand(Server server, String word) {
        return server.bareServes() && Set.of("build", "optimize", "help").contains(word);
    }

    /** A package.json script run: {@code npm run dev}, {@code npm start}, {@code pnpm dev}, {@code yarn dev}... */
    private record Script(String name) {}

    private static Optional<Script> script(String program, List<String> args) {
        if (args.isEmpty()) {
            return Optional.empty();
        }
        String first = args.getFirst();
        boolean run = Set.of("run", "run-script").contains(first);
        String name = run ? (args.size() > 1 ? args.get(1) : null) : first;
        return switch (program) {
            case "npm" -> run ? Optional.ofNullable(name).map(Script::new)
                    : first.equals("start") ? Optional.of(new Script("start")) : Optional.empty();
            case "pnpm", "yarn", "bun" -> name == null || name.startsWith("-") || !run && isRunnerWord(program, first)
                    ? Optional.empty() : Optional.of(new Script(name));
            default -> Optional.empty();
        };
    }

    /** Words after pnpm/yarn/bun that are their own commands, not a script name. */
    private static boolean isRunnerWord(String program, String word) {
        return Set.of("exec", "dlx", "x", "install", "add", "remove", "build", "test", "create", "init").contains(word)
                && !(program.equals("bun") && word.equals("build"));
    }

    private static String scriptText(Path workingDirectory, String name) {
        if (workingDirectory == null) {
            return null;
        }
        Path packageJson = workingDirectory.resolve("package.json");
        if (!Files.isRegularFile(packageJson)) {
            return null;
        }
        try {
            JsonNode script = Json.mapper().readTree(packageJson.toFile()).path("scripts").path(name);
            return script.isTextual() ? script.asText() : null;
        } catch (IOException e) {
            return null; // not readable JSON: the command just gets PORT
        }
    }

    /** The words of one simple command; null when the line is more than that or not valid shell. */
    private static List<String> simpleCommand(String line) {
        List<ShellToken> tokens;
        try {
            tokens = ShellWords.tokenize(line);
        } catch (IllegalArgumentException e) { // ShellSyntaxException: unbalanced quotes and the like
            return null;
        }
        if (tokens.isEmpty() || tokens.stream().anyMatch(t -> !t.isWord())) {
            return null;
        }
        return tokens.stream().map(ShellToken::value).toList();
    }

    private static boolean isAssignment(String word) {
        int eq = word.indexOf('=');
        return eq > 0 && word.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*");
    }

    /** {@code ./node_modules/.bin/vite} is vite. */
    private static String baseName(String word) {
        int slash = word.lastIndexOf('/');
        return slash < 0 ? word : word.substring(slash + 1);
    }
}
