package dev.lpm.docker.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A service's command line as its container CLIs will see it: every {@code run} / {@code create} of docker,
 * podman or nerdctl in it (also {@code docker container run}, and with the CLI's own options first:
 * {@code docker --context x run}, {@code podman --remote run}), with the ports it publishes and the networks
 * it joins. Parsed with shell quoting rules ({@link ShellWords}), then with the CLI's option table
 * ({@link ContainerCli}), so quoted text, option values and the container's own arguments are never
 * mistaken for a {@code -p}.
 *
 * <p>Not covered, on purpose: a CLI started through a wrapper ({@code sudo docker run}, {@code env podman},
 * {@code nohup nerdctl}) is refused because lpm cannot check it ({@code exec docker} and {@code command
 * docker} are followed); a CLI inside {@code sh -c '...'} or a script is not seen at all; {@code docker
 * compose} and other subcommands are left as they are (the Docker API guard is the place for those).
 */
public final class ContainerCliLine {

    /** The way out of every refused network mode and of -P. */
    static final String PUBLISH_INSTEAD = "publish the ports you need with -p {port}:CONTAINERPORT instead "
            + "(lpm binds them to 127.0.0.1)";
    /** docker's wording of {@link #hostNetworkReason}. */
    static final String HOST_NETWORK_REASON = hostNetworkReason("docker");
    /** docker's wording of {@link #publishAllReason}. */
    static final String PUBLISH_ALL_REASON = publishAllReason("docker");

    private final String line;
    private final List<ContainerRun> runs;
    private final List<Edit> edits;
    private final List<Integer> subcommandEnds;
    private final List<String> refusals;
    private final List<String> notes;
    private final List<String> otherCommands;
    private final List<RunLayout> layouts;

    private ContainerCliLine(String line, ContainerCliLineParser parser) {
        this.line = line;
        this.runs = List.copyOf(parser.runs);
        this.edits = List.copyOf(parser.edits);
        this.subcommandEnds = List.copyOf(parser.subcommandEnds);
        this.refusals = List.copyOf(parser.refusals);
        this.notes = List.copyOf(parser.notes);
        this.otherCommands = List.copyOf(parser.otherCommands);
        this.layouts = List.copyOf(parser.layouts);
    }

    /** Parses {@code line}; throws {@link ShellSyntaxException} when sh itself would reject it. */
    public static ContainerCliLine parse(String line) {
        ContainerCliLineParser parser = new ContainerCliLineParser(ShellWords.tokenize(line));
        parser.parse();
        return new ContainerCliLine(line, parser);
    }

    /** Why {@code tool} (the command as typed) may not run with {@code --network host}. */
    static String hostNetworkReason(String tool) {
        return tool + " --network host shares the host's network stack, so every port the container opens is "
                + "exposed on every interface; " + PUBLISH_INSTEAD;
    }

    /** Why {@code tool} (the command as typed) may not run with {@code -P}. */
    static String publishAllReason(String tool) {
        return tool + " -P/--publish-all publishes every port the image declares on all interfaces with random "
                + "host ports; " + PUBLISH_INSTEAD;
    }

    public String line() {
        return line;
    }

    /** Every run/create in the line, whichever CLI it belongs to. */
    public List<ContainerRun> runs() {
        return runs;
    }

    /** Whether the line runs or creates a container (and so may publish ports). */
    public boolean isContainerRun() {
        return !runs.isEmpty();
    }

    /** The CLI uses lpm does not rewrite ({@code docker compose up}, {@code podman start}), as "TOOL SUBCOMMAND". */
    public List<String> otherContainerCliCommands() {
        return otherCommands;
    }

    /** A command with none of: a CLI's run/create, its other subcommands, a refused use of it. */
    public boolean isNotContainerCli() {
        return runs.isEmpty() && otherCommands.isEmpty() && refusals.isEmpty();
    }

    public boolean publishesPorts() {
        return runs.stream().anyMatch(ContainerRun::publishesPorts);
    }

    /** Why lpm will not run this command in any form; empty when it may. */
    public List<String> refusals() {
        return refusals;
    }

    public List<String> notes() {
        return notes;
    }

    /**
     * The command with every published port bound to loopback: no address or a non-loopback one becomes
     * 127.0.0.1 (IPv6: [::1]); 127.x and ::1 stay. Only the changed words are replaced, each quoted so sh
     * reads the new value; everything else keeps its original bytes (so {@code $VAR}, {@code {port}} and
     * the container's arguments are exactly as written).
     *
     * @throws ContainerCliRefusedException when {@link #refusals()} is not empty
     */
    public LoopbackRewrite rewriteForLoopback() {
        return rewriteForLoopback(Map.of());
    }

    /**
     * The loopback rewrite, with {@code labels} added to every run/create right after its
     * subcommand (how lpm marks the containers of its services, e.g. the kill-switch bypass).
     */
    public LoopbackRewrite rewriteForLoopback(Map<String, String> labels) {
        if (!refusals.isEmpty()) {
            throw new ContainerCliRefusedException(refusals);
        }
        StringBuilder labelWords = new StringBuilder();
        labels.forEach((key, value) -> labelWords.append(" --label ").append(ShellQuoting.quote(key + "=" + value)));
        List<String> changes = new ArrayList<>();
        List<Splice> splices = new ArrayList<>();
        for (Edit edit : edits) {
            PortPublication safe = edit.publication().onLoopback();
            if (safe.equals(edit.publication())) {
                continue;
            }
            String spec = safe.toSpec();
            String value = edit.token().expands() ? ShellQuoting.quoteKeepingPortVariable(spec) : ShellQuoting.quote(spec);
            String word = edit.prefix().isEmpty() ? value : ShellQuoting.quote(edit.prefix()) + value;
            splices.add(new Splice(edit.token().start(), edit.token().end(), word));
            changes.add("-p " + edit.publication().toSpec() + " -> -p " + spec + " (" + edit.tool()
                    + " would listen on " + edit.publication().describe() + "; now only " + safe.describe() + ")");
        }
        if (!labelWords.isEmpty()) {
            subcommandEnds.forEach(at -> splices.add(new Splice(at, at, labelWords.toString())));
            changes.add("labelled" + labelWords);
        }
        // From the end of the line backwards, so every position still refers to the original text.
        splices.sort(Comparator.comparingInt(Splice::start).reversed());
        StringBuilder out = new StringBuilder(line);
        splices.forEach(splice -> out.replace(splice.start(), splice.end(), splice.text()));
        return new LoopbackRewrite(out.toString(), changes, notes);
    }

    /**
     * Why this line must not be registered as it is, when a run/create publishes a fixed host port
     * ({@code -p 8080:80}, {@code --publish 127.0.0.1:8080:80}, {@code --publish published=8080,target=80})
     * and the line never names lpm's port ({@code {port}} or {@code $PORT}): lpm would wait for its own port,
     * which nothing serves, and the fixed one collides with whatever else wants it. {@code servicePort} is the
     * port the service will have when the user chose it (then publishing exactly that port is fine), else
     * null. The reason carries the line rewritten with {@code {port}} in the first fixed publication.
     */
    public java.util.Optional<String> fixedHostPortProblem(Integer servicePort) {
        if (line.contains("{port}") || ShellQuoting.PORT_VARIABLE.matcher(line).find()) {
            return java.util.Optional.empty();
        }
        for (Edit edit : edits) {
            PortPublication p = edit.publication();
            if (!p.hasFixedHostPort() || (servicePort != null && p.hostPort().equals(servicePort.toString()))) {
                continue;
            }
            String spec = p.onLpmPort().toSpec();
            String word = "-p " + ShellQuoting.quote(spec);
            String option = line.substring(edit.optionStart(), edit.token().end());
            String suggested = line.substring(0, edit.optionStart()) + word + line.substring(edit.token().end());
            return java.util.Optional.of(edit.tool() + " publishes the fixed host port " + p.hostPort() + " ("
                    + option.strip() + "), but lpm gives every service a port of its own and waits for that one;"
                    + " write -p " + spec + " instead (lpm replaces {port}), e.g.: " + suggested);
        }
        return java.util.Optional.empty();
    }

    /** Replace {@code [start, end)} of the original line with {@code text} (an insertion when empty). */
    private record Splice(int start, int end, String text) {}

    /**
     * The command for isolated mode (docker only): the one docker run loses every {@code -p}, joins
     * {@code network}, gets a name lpm can find it by ({@code defaultName} unless the user named it), the
     * label {@code labelKey=labelValue} and {@code --rm}. Like {@link #rewriteForLoopback()} only the changed
     * words are touched. The forwarded container port is the one published with {@code {port}}/{@code $PORT}
     * as host port (or the only one published).
     *
     * @throws ContainerCliRefusedException when the command cannot run isolated, saying what to change
     */
    public IsolatedRewrite rewriteForIsolation(String network, String defaultName, String labelKey, String labelValue) {
        if (!refusals.isEmpty()) {
            throw new ContainerCliRefusedException(refusals);
        }
        for (int k = 0; k < runs.size(); k++) {
            if (!layouts.get(k).cli().usesDockerHost()) {
                throw new ContainerCliRefusedException(List.of("--isolated works with docker only: lpm creates its "
                        + "internal network and finds the container through the Docker engine that docker reaches "
                        + "through lpm's API guard, and " + runs.get(k).tool() + " does not create its containers "
                        + "there; register it without --isolated (its -p ports are then bound to 127.0.0.1)"));
            }
        }
        if (runs.size() != 1 || !runs.getFirst().subcommand().equals("run")) {
            throw new ContainerCliRefusedException(List.of("--isolated needs a command with exactly one `docker run` "
                    + "(lpm supervises that container and forwards its port); found " + runs.size()
                    + (runs.size() == 1 ? " `docker " + runs.getFirst().subcommand() + "`" : "")));
        }
        ContainerRun run = runs.getFirst();
        RunLayout layout = layouts.getFirst();
        List<String> why = new ArrayList<>();
        if (!run.networks().isEmpty()) {
            why.add("--isolated puts the container on lpm's internal network " + network + "; remove --network "
                    + String.join(", --network ", run.networks()));
        }
        if (layout.detached()) {
            why.add("--isolated supervises the container through docker run in the foreground; remove -d/--detach");
        }
        if (layout.name() != null && layout.name().matches(".*[$`].*")) {
            why.add("--isolated needs a container name lpm can read: write --name out (or leave it away)");
        }
        PortPublication forwarded = forwardedPublication(run, why);
        if (!why.isEmpty()) {
            throw new ContainerCliRefusedException(why);
        }
        String containerPort = forwarded.containerPort().replaceFirst("/tcp$", "");
        String name = layout.name() != null ? layout.name() : defaultName;

        StringBuilder out = new StringBuilder(line);
        List<String> changes = new ArrayList<>();
        List<Removal> byPosition = new ArrayList<>(layout.publishRemovals());
        byPosition.sort(Comparator.comparingInt(Removal::start).reversed());
        for (Removal removal : byPosition) {
            int end = removal.end();
            if (removal.replacement().isEmpty()) {
                while (end < line.length() && (line.charAt(end) == ' ' || line.charAt(end) == '\t')) {
                    end++; // the separating blanks go with the removed words
                }
            }
            out.replace(removal.start(), end, removal.replacement());
        }
        for (PortPublication p : run.publications()) {
            changes.add("-p " + p.toSpec() + " removed: nothing is published"
                    + (p == forwarded ? "; lpm forwards 127.0.0.1:{port} to the container's port " + containerPort : ""));
        }
        StringBuilder added = new StringBuilder(" --network ").append(ShellQuoting.quote(network));
        changes.add("--network " + network + " added (internal: no route out of it, nothing published from it)");
        if (layout.name() == null) {
            added.append(" --name ").append(ShellQuoting.quote(name));
            changes.add("--name " + name + " added (lpm finds and removes the container by it)");
        }
        added.append(" --label ").append(ShellQuoting.quote(labelKey + "=" + labelValue));
        changes.add("--label " + labelKey + "=" + labelValue + " added");
        if (!layout.rm() && !layout.restart()) {
            added.append(" --rm");
            changes.add("--rm added (a stopped isolated container is gone, so its name is free for the next start)");
        }
        out.insert(layout.insertAt(), added);
        return new IsolatedRewrite(out.toString(), name, containerPort, changes, notes);
    }

    /** The publication whose container port lpm forwards to; adds to {@code why} when there is no clear one. */
    private static PortPublication forwardedPublication(ContainerRun run, List<String> why) {
        List<PortPublication> all = run.publications();
        List<PortPublication> own = all.stream()
                .filter(p -> p.hostPort().contains("{port}") || ShellQuoting.PORT_VARIABLE.matcher(p.hostPort()).find())
                .toList();
        PortPublication chosen = own.size() == 1 ? own.getFirst() : own.isEmpty() && all.size() == 1 ? all.getFirst() : null;
        if (chosen == null) {
            why.add(all.isEmpty()
                    ? "--isolated forwards the service's port to one container port: add -p {port}:CONTAINERPORT "
                    + "(it is not published; lpm forwards 127.0.0.1:{port} to that port of the container)"
                    : "--isolated forwards one container port: publish it as -p {port}:CONTAINERPORT (now: -p "
                    + String.join(", -p ", all.stream().map(PortPublication::toSpec).toList()) + ")");
            return null;
        }
        if (!chosen.containerPort().matches("\\d{1,5}(/tcp)?")) {
            why.add("--isolated forwards one TCP port; -p " + chosen.toSpec() + " is not a single TCP container port");
            return null;
        }
        return chosen;
    }

    /**
     * A publication to rewrite: the CLI as typed, the token holding it and the option text before the value in
     * that token, and where the option starts (its own word, or the word before for {@code -p VALUE}).
     */
    record Edit(String tool, ShellToken token, String prefix, PortPublication publication, int optionStart) {}

    /** Replace {@code [start, end)} of the line with {@code replacement} (removing a -p and its value). */
    record Removal(int start, int end, String replacement) {}

    /** Where one run's words are and whose CLI it is, for the isolated rewrite. */
    record RunLayout(ContainerCli cli, int insertAt, List<Removal> publishRemovals, String name, boolean rm,
                     boolean restart, boolean detached) {}

}
