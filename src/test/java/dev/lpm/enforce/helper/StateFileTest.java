package dev.lpm.enforce.helper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.enforce.AppliedRuleSet;
import dev.lpm.enforce.PortRange;
import dev.lpm.enforce.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateFileTest {

    private static final List<AppliedRuleSet> SETS = List.of(AppliedRuleSet.of(RuleSet.LOCKDOWN),
            new AppliedRuleSet(RuleSet.NATIVE_PORTS, new PortRange(4000, 4999)));

    @TempDir
    Path dir;

    @Test
    void writtenOwnerOnlyInAnOwnerOnlyDirectoryAndReadBack() throws Exception {
        StateFile state = new StateFile(dir.resolve("var/lib/lpm/helper-state.json"));
        assertThat(state.load().sets()).isEmpty();
        state.save(SETS);

        assertThat(state.load()).isEqualTo(new StateFile.Loaded(SETS, null, null));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.path()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.path().getParent())))
                .isEqualTo("rwx------");
        try (var files = Files.list(state.path().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("helper-state.json");
        }
        state.save(List.of());
        assertThat(state.load().sets()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[]", "{\"version\":2,\"applied\":[]}", "{\"applied\":[]}",
        "{\"version\":1,\"applied\":[],\"extra\":1}", "{\"version\":1,\"applied\":[{\"ruleSet\":\"firewall-off\"}]}",
        "{\"version\":1,\"applied\":[{\"ruleSet\":\"native-ports\",\"from\":1,\"to\":2}]}",
        "{\"version\":1,\"applied\":[{\"ruleSet\":\"lockdown\"},{\"ruleSet\":\"lockdown\"}]}"})
    void anUnreadableFileIsMovedAsideNotTrusted(String content) throws Exception {
        StateFile state = new StateFile(dir.resolve("helper-state.json"));
        Files.writeString(state.path(), content);

        StateFile.Loaded loaded = state.load();

        assertThat(loaded.corrupt()).isTrue();
        assertThat(loaded.sets()).isEmpty();
        assertThat(loaded.movedTo()).isEqualTo(dir.resolve("helper-state.json.corrupt"));
        assertThat(Files.readString(loaded.movedTo())).isEqualTo(content);
        assertThat(state.path()).doesNotExist();

        Files.writeString(state.path(), content);
        assertThat(state.load().movedTo().getFileName().toString()).startsWith("helper-state.json.corrupt-");
        assertThat(dir.resolve("helper-state.json.corrupt")).hasContent(content);
    }
}
