package dev.lpm.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoopbackLeakMitigationTest {

    @Test
    void enginesBefore28NeedTheRule() {
        assertThat(LoopbackLeakMitigation.engineNeedsIt("20.10.24+dfsg1")).isTrue();
        assertThat(LoopbackLeakMitigation.engineNeedsIt("27.5.1")).isTrue();
        assertThat(LoopbackLeakMitigation.engineNeedsIt("28.0.0")).isFalse();
        assertThat(LoopbackLeakMitigation.engineNeedsIt("29.1.2")).isFalse();
        assertThat(LoopbackLeakMitigation.engineNeedsIt("nonsense")).as("unknown: be safe").isTrue();
        assertThat(EngineVersion.major("v28.3.3")).isEqualTo(28);
    }

    @Test
    void theCommandToRunByHandIsTheExactRule() {
        assertThat(LoopbackLeakMitigation.applyCommand()).isEqualTo(
                "iptables -t raw -I PREROUTING ! -i lo -d 127.0.0.0/8 -m comment --comment lpm-loopback-guard -j DROP");
        assertThat(LoopbackLeakMitigation.removeCommand()).startsWith("iptables -t raw -D PREROUTING ! -i lo");
    }
}
