package dev.lpm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortRangeTest {

    @Test
    void parsesAndContains() {
        PortRange range = PortRange.parse(" 4000 - 4999 ");
        assertThat(range).isEqualTo(PortRange.DEFAULT);
        assertThat(range.size()).isEqualTo(1000);
        assertThat(range.contains(4000)).isTrue();
        assertThat(range.contains(4999)).isTrue();
        assertThat(range.contains(5000)).isFalse();
        assertThat(range).hasToString("4000-4999");
    }

    @Test
    void refusesNonsenseWithAnExample() {
        assertThatThrownBy(() -> PortRange.parse("4999-4000")).hasMessageContaining("FIRST <= LAST");
        assertThatThrownBy(() -> PortRange.parse("abc")).hasMessageContaining("e.g. 4000-4999");
        assertThatThrownBy(() -> PortRange.parse("0-10")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PortRange.parse("1-70000")).isInstanceOf(IllegalArgumentException.class);
    }
}
