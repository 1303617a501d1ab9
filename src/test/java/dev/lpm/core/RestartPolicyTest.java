package dev.lpm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    private final RestartPolicy policy =
            new RestartPolicy(true, Duration.ofSeconds(1), Duration.ofSeconds(30), 5, Duration.ofSeconds(60));

    @Test
    void delaysDoubleUpToTheCap() {
        assertThat(policy.delayBefore(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayBefore(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.delayBefore(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayBefore(1_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void allowsAtMostMaxRestartsAndNoneWhenDisabled() {
        assertThat(policy.allowsRestart(4)).isTrue();
        assertThat(policy.allowsRestart(5)).isFalse();
        RestartPolicy off = new RestartPolicy(false, Duration.ZERO, Duration.ZERO, 5, Duration.ZERO);
        assertThat(off.allowsRestart(0)).isFalse();
    }

    @Test
    void refusesInconsistentPolicies() {
        assertThatThrownBy(() -> new RestartPolicy(true, Duration.ofSeconds(5), Duration.ofSeconds(1), 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.delayBefore(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
