package dev.lpm.ui.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UptimeTest {

    @Test
    void picksTheTwoLargestUnits() {
        assertThat(Uptime.format(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(Uptime.format(Duration.ofSeconds(187))).isEqualTo("3m 07s");
        assertThat(Uptime.format(Duration.ofMinutes(125))).isEqualTo("2h 05m");
        assertThat(Uptime.format(Duration.ofHours(76))).isEqualTo("3d 04h");
    }

    @Test
    void negativeDurationsCountAsZero() {
        assertThat(Uptime.format(Duration.ofSeconds(-5))).isEqualTo("0s");
    }
}
