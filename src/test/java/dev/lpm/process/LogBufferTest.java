package dev.lpm.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogBufferTest {

    @Test
    void keepsOnlyTheLastLines() {
        LogBuffer buffer = new LogBuffer(3);
        for (int i = 1; i <= 5; i++) {
            buffer.add("line " + i);
        }
        assertThat(buffer.tail(10)).containsExactly("line 3", "line 4", "line 5");
        assertThat(buffer.tail(2)).containsExactly("line 4", "line 5");
        assertThat(buffer.tail(0)).isEmpty();
        assertThat(buffer.total()).isEqualTo(5);
    }

    @Test
    void emptyBufferHasNoTail() {
        assertThat(new LogBuffer(10).tail(5)).isEmpty();
    }
}
