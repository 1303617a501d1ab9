package dev.lpm.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build step (the pom runs it at prepare-package): writes what the packages install for the shell, all from
 * lpm's picocli command model ({@link Launcher#commandLine()}), so it cannot drift from the CLI:
 * <ul>
 *   <li>{@code completion/lpm.bash}: picocli's {@link AutoComplete} script (bash; zsh sources it through
 *       bashcompinit)</li>
 *   <li>{@code completion/lpm.fish}: fish's {@code complete} lines, written here from the same model
 *       (picocli has no fish generator)</li>
 *   <li>{@code man-adoc/*.adoc}: picocli-codegen's {@link ManPageGenerator} pages, one per command, which
 *       the pom's asciidoctor execution turns into troff ({@code man/lpm.1}, {@code man/lpm-register.1}, ...)</li>
 * </ul>
 * Usage: {@code CliDocs OUTPUT_DIR}.
 */
public final class CliDocs {

    private CliDocs() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CliDocs OUTPUT_DIR");
        }
        Path out = Path.of(args[0]);
        CommandLine lpm = Launcher.commandLine();
        Path completion = Files.createDirectories(out.resolve("completion"));
        Files.writeString(completion.resolve("lpm.bash"), AutoComplete.bash("lpm", lpm), StandardCharsets.UTF_8);
        Files.writeString(completion.resolve("lpm.fish"), fish(lpm), StandardCharsets.UTF_8);
        Path adoc = Files.createDirectories(out.resolve("man-adoc"));
        int exit = ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true, lpm.getCommandSpec());
        if (exit != 0) {
            throw new IOException("picocli's ManPageGenerator exited " + exit);
        }
        try (var pages = Files.list(adoc)) {
            for (Path page : pages.toList()) {
                Files.writeString(page, descriptionLinesApart(keepDoubleDashes(Files.readString(page, StandardCharsets.UTF_8))),
                        StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * Descriptions go into the AsciiDoc as written, where a lone {@code --} (as in "lpm register web -- node")
     * would become an em dash; escaped, the page shows the {@code --} the command line needs. The Name
     * section's line is taken literally by the manpage converter, so it stays as it is.
     */
    static String keepDoubleDashes(String adoc) {
        StringBuilder out = new StringBuilder();
        String previous = "";
        for (String line : adoc.split("\n", -1)) {
            boolean nameLine = previous.equals("== Name");
            out.append(nameLine ? line : line.replaceAll("(?<=\\s)--(?=\\s)", "\\\\--")).append('\n');
            if (!line.isBlank()) {
                previous = line.strip();
            }
        }
        return out.substring(0, out.length() - 1);
    }

    /**
     * Each line of a command's description (picocli prints them on lines of their own: "Example: ..." lines)
     * becomes a paragraph of its own; AsciiDoc would run adjacent lines together into one.
     */
    static String descriptionLinesApart(String adoc) {
        StringBuilder out = new StringBuilder();
        boolean inDescription = false;
        boolean previousText = false;
        for (String line : adoc.split("\n", -1)) {
            if (line.startsWith("// tag::picocli-generated-man-section-description[]")) {
                inDescription = true;
            } else if (line.startsWith("// end::picocli-generated-man-section-description[]")) {
                inDescription = false;
            }
            boolean text = inDescription && !line.isBlank() && !line.startsWith("//") && !line.startsWith("==");
            if (text && previousText) {
                out.append('\n');
            }
            out.append(line).append('\n');
            previousText = text;
        }
        return out.substring(0, out.length() - 1);
    }

    /** fish completion for the whole tree: subcommands, options (with values where picocli knows them). */
    static String fish(CommandLine root) {
        StringBuilder out = new StringBuilder();
        String name = root.getCommandName();
        out.append("# fish completion for ").append(name).append(", generated at build time from its picocli command model")
                .append(" (dev.lpm.app.CliDocs).\n");
        out.append("complete -c ").append(name).append(" -f\n");
        fish(root, List.of(), out);
        return out.toString();
    }

    private static void fish(CommandLine command, List<String> path, StringBuilder out) {
        CommandSpec spec = command.getCommandSpec();
        String name = rootName(command);
        Map<String, CommandLine> subcommands = visible(command);
        String condition = condition(path, subcommands.keySet());
        for (Map.Entry<String, CommandLine> sub : subcommands.entrySet()) {
            out.append("complete -c ").append(name).append(" -n ").append(quote(condition)).append(" -a ")
                    .append(quote(sub.getKey())).append(" -d ").append(quote(summary(sub.getValue().getCommandSpec()
                            .usageMessage().description()))).append('\n');
        }
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) {
                continue;
            }
            StringBuilder line = new StringBuilder("complete -c ").append(name).append(" -n ").append(quote(condition));
            for (String optionName : option.names()) {
                if (optionName.startsWith("--")) {
                    line.append(" -l ").append(quote(optionName.substring(2)));
                } else if (optionName.length() == 2) {
                    line.append(" -s ").append(quote(optionName.substring(1)));
                } else {
                    line.append(" -o ").append(quote(optionName.substring(1)));
                }
            }
            if (option.arity().max() > 0) {
                line.append(" -r");
                List<String> values = candidates(option.completionCandidates());
                if (!values.isEmpty()) {
                    line.append(" -a ").append(quote(String.join(" ", values)));
                } else if (isPath(option.type())) {
                    line.append(" -F");
                }
            }
            line.append(" -d ").append(quote(summary(option.description())));
            out.append(line).append('\n');
        }
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            List<String> values = candidates(positional.completionCandidates());
            if (!positional.hidden() && !values.isEmpty()) {
                out.append("complete -c ").append(name).append(" -n ").append(quote(condition)).append(" -a ")
                        .append(quote(String.join(" ", values))).append(" -d ")
                        .append(quote(positional.paramLabel())).append('\n');
            }
        }
        for (Map.Entry<String, CommandLine> sub : subcommands.entrySet()) {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.getKey());
            fish(sub.getValue(), subPath, out);
        }
    }

    /** The fish condition for "the words so far are PATH": the path's commands seen, none of the next level yet. */
    private static String condition(List<String> path, Set<String> next) {
        List<String> parts = new ArrayList<>();
        if (path.isEmpty()) {
            parts.add("__fish_use_subcommand");
        } else {
            for (String word : path) {
                parts.add("__fish_seen_subcommand_from " + word);
            }
            if (!next.isEmpty()) {
                parts.add("not __fish_seen_subcommand_from " + String.join(" ", next));
            }
        }
        return String.join("; and ", parts);
    }

    /** Subcommands by name, aliases included, hidden ones left out. */
    private static Map<String, CommandLine> visible(CommandLine command) {
        Map<String, CommandLine> visible = new java.util.LinkedHashMap<>();
        command.getSubcommands().forEach((n, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                visible.put(n, sub);
            }
        });
        return visible;
    }

    private static String rootName(CommandLine command) {
        CommandLine c = command;
        while (c.getParent() != null) {
            c = c.getParent();
        }
        return c.getCommandName();
    }

    private static List<String> candidates(Iterable<String> candidates) {
        Set<String> values = new LinkedHashSet<>();
        if (candidates != null) {
            candidates.forEach(values::add);
        }
        return List.copyOf(values);
    }

    private static boolean isPath(Class<?> type) {
        return type == Path.class || type == java.io.File.class;
    }

    /** The first line of a description, without picocli's markup. */
    private static String summary(String[] description) {
        if (description == null || description.length == 0) {
            return "";
        }
        String first = CommandLine.Help.Ansi.OFF.string(description[0]).replace("%n", " ").strip();
        int sentence = first.indexOf(". ");
        return sentence > 0 ? first.substring(0, sentence + 1) : first;
    }

    /** A fish single-quoted word: only \ and ' are special inside. */
    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
