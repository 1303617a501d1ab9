package dev.lpm.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.core.ServiceName;
import dev.lpm.storage.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The name {@code lpm run} gives a service the user did not name: package.json's {@code name} (without
 * its npm scope), else the directory's name; in a git worktree other than the repository's main one, the
 * branch comes first, joined with '-' ({@code fix-login-web}), because a service name is one DNS label
 * ({@link ServiceName}) and a dot already means "a subdomain of NAME" to the proxy.
 */
public final class RunName {

    private static final int MAX = 63;

    private RunName() {}

    /** The name for a command run in {@code directory}. */
    public static ServiceName infer(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        String project = packageName(dir).map(RunName::label).filter(s -> !s.isEmpty())
                .orElseGet(() -> label(dir.getFileName() == null ? "" : dir.getFileName().toString()));
        if (project.isEmpty()) {
            throw new IllegalArgumentException("cannot make a service name from the directory " + dir
                    + "; give one with --name (" + ServiceName.RULE + ")");
        }
        String name = worktreeBranch(dir).map(RunName::label).filter(b -> !b.isEmpty())
                .map(branch -> branch + "-" + project).orElse(project);
        return ServiceName.of(trim(name));
    }

    /** {@code text} as a DNS label: lowercase, every run of other characters one '-', no '-' at either end. */
    static String label(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("@") && lower.contains("/")) {
            lower = lower.substring(lower.indexOf('/') + 1); // @scope/web is web
        }
        return trim(lower.replaceAll("[^a-z0-9]+", "-"));
    }

    private static String trim(String label) {
        String cut = label.length() > MAX ? label.substring(0, MAX) : label;
        return cut.replaceAll("^-+|-+$", "");
    }

    private static Optional<String> packageName(Path dir) {
        Path file = dir.resolve("package.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode name = Json.mapper().readTree(file.toFile()).path("name");
            return name.isTextual() ? Optional.of(name.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // unreadable package.json: the directory names it
        }
    }

    /**
     * The branch checked out in {@code dir} when it is in a linked worktree (its git dir differs from the
     * repository's common dir); empty in the main worktree, outside git, without git, or detached.
     */
    static Optional<String> worktreeBranch(Path dir) {
        List<String> dirs = git(dir, "rev-parse", "--path-format=absolute", "--git-dir", "--git-common-dir");
        if (dirs.size() != 2 || Path.of(dirs.get(0)).normalize().equals(Path.of(dirs.get(1)).normalize())) {
            return Optional.empty();
        }
        List<String> branch = git(dir, "branch", "--show-current");
        return branch.size() == 1 && !branch.getFirst().isBlank() ? Optional.of(branch.getFirst()) : Optional.empty();
    }

    /** git's output lines, or none when git is missing or fails (not a repository). */
    private static List<String> git(Path dir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return List.of();
            }
            return out.lines().toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
