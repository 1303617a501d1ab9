package dev.lpm.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunNameTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "web               | web",
            "@acme/web         | web",
            "@Acme/My_App      | my-app",
            "My App!!          | my-app",
            "--x--             | x",
            "café.site         | caf-site"})
    void packageNamesBecomeLabels(String packageName, String expected) {
        assertThat(RunName.label(packageName)).isEqualTo(expected);
    }

    @Test
    void packageJsonNameComesFirst() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("some-dir"));
        Files.writeString(dir.resolve("package.json"), "{\"name\": \"@acme/shop-front\"}");
        assertThat(RunName.infer(dir).value()).isEqualTo("shop-front");
    }

    @Test
    void theDirectoryNamesAProjectWithoutPackageJson() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("Billing_API"));
        assertThat(RunName.infer(dir).value()).isEqualTo("billing-api");
    }

    @Test
    void aPackageJsonWithoutUsableNameFallsBackToTheDirectory() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("docs"));
        Files.writeString(dir.resolve("package.json"), "{\"name\": \"@@@\"}");
        assertThat(RunName.infer(dir).value()).isEqualTo("docs");
        Files.writeString(dir.resolve("package.json"), "not json");
        assertThat(RunName.infer(dir).value()).isEqualTo("docs");
    }

    @Test
    void longNamesAreCutToOneLabel() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("x"));
        Files.writeString(dir.resolve("package.json"), "{\"name\": \"" + "a".repeat(62) + "-b-c\"}");
        assertThat(RunName.infer(dir).value()).hasSize(62).doesNotEndWith("-");
    }

    @Test
    void aNameNothingUsableIsInIsRefusedWithTheRule() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("___"));
        assertThatThrownBy(() -> RunName.infer(dir)).hasMessageContaining("--name").hasMessageContaining("DNS label");
    }

    @Test
    void aLinkedGitWorktreePutsItsBranchFirst() throws Exception {
        assumeThat(git(temp, "--version")).as("git is installed").isZero();
        Path main = Files.createDirectories(temp.resolve("shop"));
        Files.writeString(main.resolve("package.json"), "{\"name\": \"web\"}");
        assertThat(git(main, "init", "-q", "-b", "main")).isZero();
        assertThat(git(main, "add", "package.json")).isZero();
        assertThat(git(main, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "init")).isZero();
        Path worktree = temp.resolve("shop-fix");
        assertThat(git(main, "worktree", "add", "-q", "-b", "fix/Login", worktree.toString())).isZero();

        assertThat(RunName.infer(main).value()).as("the main worktree").isEqualTo("web");
        assertThat(RunName.infer(worktree).value()).as("a linked worktree").isEqualTo("fix-login-web");
        Path sub = Files.createDirectories(worktree.resolve("docs"));
        assertThat(RunName.infer(sub).value()).as("a directory inside the linked worktree").isEqualTo("fix-login-docs");
        assertThat(RunName.infer(temp).value()).as("outside git").isEqualTo(RunName.label(temp.getFileName().toString()));
    }

    private static int git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor();
    }
}
