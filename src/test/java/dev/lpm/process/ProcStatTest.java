package dev.lpm.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void parsesTheFieldsAfterACommandNameWithSpacesAndParentheses() {
        String line = "4242 (my (odd) name) S 1 4242 4240 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 50";
        ProcStat stat = ProcStat.parse(4242, line);
        assertThat(stat).isEqualTo(new ProcStat(4242, 'S', 1, 4242, 4240, 987654));
    }

    @Test
    void readsThisProcess() {
        ProcStat self = ProcStat.read(ProcessHandle.current().pid()).orElseThrow();
        assertThat(self.state()).isIn('R', 'S');
        assertThat(self.parent()).isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
        assertThat(self.startTime()).isPositive();
        assertThat(ProcStat.read(Long.MAX_VALUE)).isEmpty();
    }
}
