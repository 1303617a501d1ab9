package dev.lpm.docker.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionTableTest {

    private static final OptionTable TABLE = OptionTable.of("context host", "debug", "H", "D");

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "unknown", value = {
        "--context, true", "--context=x, false", "--debug, false", "--debug=false, false", "-H, true",
        "-Hunix:///x, false", "-D, false", "-Dx, unknown", "--frobnicate, unknown", "-Z, unknown", "--, unknown",
        "-, unknown"})
    void anOptionWordTakesTheNextWordOnlyWhenItsValueIsNotInIt(String word, Boolean takesNext) {
        assertThat(TABLE.takesNextWord(word)).isEqualTo(Optional.ofNullable(takesNext));
    }

    @Test
    void aToolsTableIsTheSharedOneAndItsOwn() {
        OptionTable tool = TABLE.plus(OptionTable.of("pod", "rmi", "c", "r"));
        assertThat(tool.longTakesValue("host")).contains(true);
        assertThat(tool.longTakesValue("pod")).contains(true);
        assertThat(tool.longTakesValue("rmi")).contains(false);
        assertThat(tool.shortTakesValue('c')).contains(true);
        assertThat(tool.shortTakesValue('D')).contains(false);
        assertThat(TABLE.longTakesValue("pod")).isEmpty();
    }

    @Test
    void anOptionCannotBothTakeAValueAndNot() {
        assertThatThrownBy(() -> TABLE.plus(OptionTable.of("", "host", "", ""))).hasMessageContaining("host");
        assertThatThrownBy(() -> TABLE.plus(OptionTable.of("", "", "D", ""))).hasMessageContaining("D");
    }
}
