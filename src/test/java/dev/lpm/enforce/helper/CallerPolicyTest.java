package dev.lpm.enforce.helper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may use the helper, decided from the peer's user and group against a user database of the test's. */
class CallerPolicyTest {

    @TempDir
    Path dir;
    private GroupDatabase groups;

    @BeforeEach
    void userDatabase() throws IOException {
        Path passwd = Files.writeString(dir.resolve("passwd"), """
                root:x:0:0:root:/root:/bin/bash
                toor:x:0:0:another name for root:/root:/bin/sh
                alice:x:1000:1000::/home/alice:/bin/bash
                bob:x:1001:1001::/home/bob:/bin/bash
                carol:x:1002:105::/home/carol:/bin/bash
                nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
                """);
        Path group = Files.writeString(dir.resolve("group"), """
                root:x:0:
                docker:x:105:alice,dave
                alice:x:1000:
                bob:x:1001:
                devs:x:2000:bob
                nogroup:x:65534:
                """);
        groups = new GroupDatabase(passwd, group);
    }

    private CallerPolicy.Decision decide(CallerPolicy policy, String user, String group) {
        return policy.decide(new Caller(user, group), groups);
    }

    @Test
    void byDefaultRootAndMembersOfDockerMayAndNobodyElse() {
        CallerPolicy policy = CallerPolicy.defaults("default");
        assertThat(decide(policy, "root", "root")).isEqualTo(new CallerPolicy.Decision.Allowed("root"));
        assertThat(decide(policy, "toor", "root")).as("uid 0 by another name").isInstanceOf(CallerPolicy.Decision.Allowed.class);
        assertThat(decide(policy, "alice", "alice")).as("listed in docker")
                .isEqualTo(new CallerPolicy.Decision.Allowed("member of docker"));
        assertThat(decide(policy, "carol", "carol")).as("docker is her primary group in passwd")
                .isInstanceOf(CallerPolicy.Decision.Allowed.class);
        assertThat(decide(policy, "erin", "docker")).as("the process runs as group docker (newgrp, sg)")
                .isInstanceOf(CallerPolicy.Decision.Allowed.class);
        assertThat(decide(policy, "bob", "bob")).isInstanceOf(CallerPolicy.Decision.Refused.class);
        assertThat(decide(policy, "nobody", "nogroup")).isInstanceOfSatisfying(CallerPolicy.Decision.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo("user nobody (group nogroup) may not change the firewall:"
                        + " only root, members of [docker] may (policy: default)"));
        assertThat(decide(policy, "4242", "4242")).as("a uid without a name").isInstanceOf(CallerPolicy.Decision.Refused.class);
    }

    @Test
    void aPolicyNamesUsersAndGroups() {
        CallerPolicy policy = new CallerPolicy(Set.of("bob"), Set.of("devs"), "/etc/lpm/helper.json");
        assertThat(decide(policy, "bob", "bob")).isEqualTo(new CallerPolicy.Decision.Allowed("listed in allowUsers"));
        assertThat(decide(policy, "alice", "alice")).as("docker is not in this policy")
                .isInstanceOfSatisfying(CallerPolicy.Decision.Refused.class, refused -> assertThat(refused.reason())
                        .contains("only root, users [bob], members of [devs] may (policy: /etc/lpm/helper.json)"));
        assertThat(decide(policy, "root", "root")).as("root always").isInstanceOf(CallerPolicy.Decision.Allowed.class);
    }

    @Test
    void rootAloneLetsNobodyElseIn() {
        CallerPolicy policy = CallerPolicy.rootOnly("broken file");
        assertThat(decide(policy, "alice", "docker")).isInstanceOf(CallerPolicy.Decision.Refused.class);
        assertThat(decide(policy, "root", "root")).isInstanceOf(CallerPolicy.Decision.Allowed.class);
    }
}
