package dev.lpm.docker.command;

import dev.lpm.docker.command.ContainerCliLine.Edit;
import dev.lpm.docker.command.ContainerCliLine.Removal;
import dev.lpm.docker.command.ContainerCliLine.RunLayout;
import java.util.ArrayList;
import java.util.List;

/** The options of one run/create (docker, podman or nerdctl), up to the image. */
final class ContainerRunParser {
    private final ContainerCliLineParser out;
    private final ContainerCli cli;
    /** The command word as written (without its directory), for what lpm tells the user. */
    private final String tool;
    private final List<ShellToken> words;
    private final String subcommand;
    private final List<PortPublication> publications = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();
    private final List<Removal> publishRemovals = new ArrayList<>();
    private final int insertAt;
    private String name;
    private boolean rm;
    private boolean restart;
    private boolean detached;
    /** The word holding the option being read, and its text before the option letter ("-d" of "-dp"). */
    private ShellToken optionToken;
    private String lead = "";
    private int i;

    ContainerRunParser(ContainerCliLineParser out, ContainerCli cli, String tool, List<ShellToken> words, int first,
                       String subcommand) {
        this.out = out;
        this.cli = cli;
        this.tool = tool;
        this.words = words;
        this.i = first;
        this.subcommand = subcommand;
        this.insertAt = words.get(first - 1).end();
    }

    void parse() {
        String image = null;
        List<String> containerArgs = new ArrayList<>();
        while (i < words.size()) {
            ShellToken word = words.get(i);
            String v = word.value();
            // Every word reaching here is an option or the image, and both decide how the CLI reads the rest.
            if (word.expands()) {
                out.refusals.add("`" + v + "` stands where " + tool + " expects an option or the image, and the shell "
                        + "replaces it with something lpm cannot see; write the options out");
                return;
            }
            if (v.equals("--")) {
                i++;
                break;
            }
            if (v.startsWith("--")) {
                if (!longOption(word)) {
                    return;
                }
            } else if (v.startsWith("-") && v.length() > 1) {
                if (!shortOptions(word)) {
                    return;
                }
            } else {
                break;
            }
        }
        if (i < words.size()) {
            image = words.get(i).value();
            words.subList(i + 1, words.size()).forEach(w -> containerArgs.add(w.value()));
        }
        out.runs.add(new ContainerRun(tool, subcommand, publications, networks, image, containerArgs));
        out.layouts.add(new RunLayout(cli, insertAt, publishRemovals, name, rm, restart, detached));
    }

    /** {@code --name value}, {@code --name=value}, {@code --flag}, {@code --flag=false}. */
    private boolean longOption(ShellToken word) {
        String v = word.value();
        int eq = v.indexOf('=');
        String name = v.substring(2, eq < 0 ? v.length() : eq);
        optionToken = word;
        lead = "";
        var takes = cli.runOptions().longTakesValue(name);
        if (takes.isEmpty()) {
            unknown(v);
            return false;
        }
        if (!takes.get()) {
            i++;
            return flag(name, eq < 0 ? "true" : v.substring(eq + 1));
        }
        if (eq >= 0) {
            i++;
            return value(name, word, v.substring(0, eq + 1), v.substring(eq + 1));
        }
        return separateValue(name, v);
    }

    /** {@code -dit}, {@code -p 80}, {@code -p80}, {@code -dp 80}, {@code -p=80}. */
    private boolean shortOptions(ShellToken word) {
        String v = word.value();
        for (int k = 1; k < v.length(); k++) {
            char c = v.charAt(k);
            var takes = cli.runOptions().shortTakesValue(c);
            if (takes.isEmpty()) {
                unknown("-" + c + (v.length() > 2 ? " (in " + v + ")" : ""));
                return false;
            }
            if (!takes.get()) {
                if (!flag(SharedRunOptions.longName(c), "true")) {
                    return false;
                }
                continue;
            }
            String rest = v.substring(k + 1);
            String name = SharedRunOptions.longName(c);
            optionToken = word;
            lead = k == 1 ? "" : v.substring(0, k);
            if (rest.isEmpty()) {
                return separateValue(name, v);
            }
            int skip = rest.startsWith("=") ? 1 : 0;
            i++;
            return value(name, word, v.substring(0, k + 1 + skip), rest.substring(skip));
        }
        i++;
        return true;
    }

    private boolean separateValue(String name, String option) {
        if (i + 1 >= words.size()) {
            out.refusals.add("`" + option + "` needs a value");
            return false;
        }
        ShellToken valueWord = words.get(i + 1);
        i += 2;
        return value(name, valueWord, "", valueWord.value());
    }

    private boolean flag(String name, String value) {
        boolean on = !value.equalsIgnoreCase("false");
        switch (name) {
            case "rm" -> rm = on;
            case "detach", "d" -> detached = on;
            default -> { }
        }
        if (name.equals("publish-all") && !value.equalsIgnoreCase("false")) {
            out.refusals.add(ContainerCliLine.publishAllReason(tool));
            return false;
        }
        return true;
    }

    /** An option's value; {@code token} holds it, after {@code prefix} (the option text in the same word). */
    private boolean value(String name, ShellToken token, String prefix, String value) {
        if (cli.splitsAtCommas(name) && (value.contains(",") || value.contains("\""))) {
            out.refusals.add(tool + " reads the --" + name + " value `" + value + "` as a comma-separated list; "
                    + "give each value its own --" + name + ", without quotes or commas");
            return false;
        }
        if (cli.joinsAPod(name) && !value.startsWith("new:")) {
            out.notes.add("--" + name + " " + value + " puts the container into a pod: its ports are the pod's, "
                    + "published wherever `" + tool + " pod create` published them (lpm does not rewrite that)");
        }
        switch (name) {
            case "publish" -> {
                return publish(token, prefix, value);
            }
            case "network", "net" -> {
                return network(token, value);
            }
            case "name" -> {
                this.name = value;
                return true;
            }
            case "restart" -> {
                restart = true;
                return true;
            }
            default -> {
                return true;
            }
        }
    }

    private boolean publish(ShellToken token, String prefix, String value) {
        if (token.expands() && ShellQuoting.PORT_VARIABLE.matcher(value).replaceAll("").matches(".*[$`].*")) {
            out.refusals.add("the port value `" + value + "` is only known when the shell runs it (lpm "
                    + "understands {port} and $PORT only); write the address and ports out");
            return false;
        }
        PortPublication publication;
        try {
            publication = PortPublication.parse(value);
        } catch (IllegalArgumentException e) {
            out.refusals.add(e.getMessage());
            return false;
        }
        publications.add(publication);
        out.edits.add(new Edit(tool, token, prefix, publication, optionToken.start()));
        publishRemovals.add(new Removal(optionToken.start(), token.end(), lead));
        return true;
    }

    private boolean network(ShellToken token, String typed) {
        if (token.expands()) {
            out.refusals.add("the network `" + typed + "` is only known when the shell runs it; write it out");
            return false;
        }
        String value = cli.networkNamed(typed);
        networks.add(value);
        if (value.equals("host")) {
            out.refusals.add(ContainerCliLine.hostNetworkReason(tool));
            return false;
        }
        var exposing = cli.exposingNetwork(value);
        if (exposing.isPresent()) {
            out.refusals.add(tool + " --network " + value + " " + exposing.get().why() + "; "
                    + ContainerCliLine.PUBLISH_INSTEAD);
            return false;
        }
        if (value.startsWith("container:")) {
            out.notes.add("--network " + value + " shares the network stack of container "
                    + value.substring("container:".length()) + ": this container's ports are that "
                    + "container's ports, reachable wherever that container publishes them");
        }
        return true;
    }

    private void unknown(String option) {
        out.refusals.add("lpm does not know the " + tool + " " + subcommand + " option `" + option + "`, so it cannot "
                + "tell whether the next word is its value or the image; write the command with known options");
    }
}
