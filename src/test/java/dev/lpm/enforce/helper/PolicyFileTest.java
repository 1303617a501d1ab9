package dev.lpm.enforce.helper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.testsupport.Requirements;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy file: defaults when absent, trusted only when root's alone, root alone when broken; edits count. */
class PolicyFileTest {

    @TempDir
    Path dir;
    private final StringWriter logged = new StringWriter();
    private final HelperLog log = new HelperLog(new PrintWriter(logged));

    private Path write(String json, String mode) throws IOException {
        Path file = dir.resolve("helper.json");
        Files.writeString(file, json);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void withoutAFileRootAndDockerMay() {
        CallerPolicy policy = new PolicyFile(dir.resolve("helper.json"), log).current();
        assertThat(policy.allowUsers()).isEmpty();
        assertThat(policy.allowGroups()).containsExactly("docker");
        assertThat(policy.source()).contains("does not exist");
    }

    @Test
    void aFileOfRootsIsReadAndReadAgainWhenItChanges() throws IOException {
        Requirements.requireRoot(); // the file must belong to root to be trusted
        Path file = write("{\"allowUsers\":[\"alice\"],\"allowGroups\":[]}", "rw-r--r--");
        PolicyFile policyFile = new PolicyFile(file, log);
        assertThat(policyFile.current().allowUsers()).containsExactly("alice");
        assertThat(policyFile.current().allowGroups()).isEmpty();

        Files.writeString(file, "{\"allowGroups\":[\"docker\",\"devs\"]}");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(policyFile.current().allowGroups()).containsExactlyInAnyOrder("docker", "devs");
        assertThat(policyFile.current().allowUsers()).isEmpty();
        assertThat(logged.toString()).contains("callers allowed: root, users [alice]")
                .contains("callers allowed: root, users [], groups [devs, docker]");
    }

    @Test
    void aFileOthersCanWriteIsIgnoredForRootAlone() throws IOException {
        Path file = write("{\"allowUsers\":[\"mallory\"]}", "rw-rw-rw-");
        CallerPolicy policy = new PolicyFile(file, log).current();
        assertThat(policy.allowUsers()).isEmpty();
        assertThat(policy.allowGroups()).isEmpty();
        assertThat(logged.toString()).contains("WARNING: ignoring the policy file " + file + " and allowing root alone")
                .contains("chmod 644");
    }

    @Test
    void aSymbolicLinkIsNotFollowed() throws IOException {
        Path target = write("{\"allowUsers\":[\"mallory\"]}", "rw-r--r--");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), target);
        CallerPolicy policy = new PolicyFile(link, log).current();
        assertThat(policy.allowUsers()).isEmpty();
        assertThat(logged.toString()).contains("not a regular file");
    }

    @Test
    void aFileThatDoesNotParseGivesRootAlone() throws Exception {
        for (String broken : new String[] {"{", "[]", "{\"allowUsers\":\"alice\"}", "{\"allowUsers\":[\"al ice\"]}",
            "{\"allowUsers\":[5]}", "{\"allowEveryone\":true}", "{\"allowUsers\":[],\"allowUsers\":[\"x\"]}"}) {
            try {
                PolicyFile.parse(broken, "test");
                throw new AssertionError("accepted " + broken);
            } catch (dev.lpm.enforce.BadRequestException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        assertThat(PolicyFile.parse("{}", "test")).isEqualTo(new CallerPolicy(Set.of(), Set.of(), "test"));
    }
}
