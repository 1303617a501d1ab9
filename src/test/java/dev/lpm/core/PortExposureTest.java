package dev.lpm.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.PortExposure.Reach;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortExposureTest {

    @Test
    void loopbackAddressesOfBothFamiliesAreLoopback() {
        assertThat(PortExposure.of(List.of("127.0.0.1", "::1"))).contains(
                new PortExposure(Reach.LOOPBACK, List.of("127.0.0.1", "::1")));
        assertThat(PortExposure.of(List.of("127.0.0.53")).orElseThrow().reach()).isEqualTo(Reach.LOOPBACK);
    }

    @Test
    void eitherWildcardIsAllInterfaces() {
        assertThat(PortExposure.of(List.of("0.0.0.0")).orElseThrow().reach()).isEqualTo(Reach.ALL_INTERFACES);
        assertThat(PortExposure.of(List.of("::")).orElseThrow().reach()).isEqualTo(Reach.ALL_INTERFACES);
    }

    @Test
    void aSpecificNonLoopbackAddressIsThatAddress() {
        PortExposure lan = PortExposure.of(List.of("127.0.0.1", "192.168.1.5")).orElseThrow();

        assertThat(lan.reach()).isEqualTo(Reach.ADDRESS);
        assertThat(lan.beyondLoopback()).isTrue();
        assertThat(lan.beyondLoopbackAddresses()).containsExactly("192.168.1.5");
        assertThat(PortExposure.of(List.of("fe80::2fc:ff:fe00:1")).orElseThrow().reach()).isEqualTo(Reach.ADDRESS);
    }

    @Test
    void theWidestAddressDecidesAndAddressesAreDistinctAndSorted() {
        PortExposure mixed = PortExposure.of(List.of("::1", "192.168.1.5", "0.0.0.0", "::1")).orElseThrow();

        assertThat(mixed.reach()).isEqualTo(Reach.ALL_INTERFACES);
        assertThat(mixed.addresses()).containsExactly("0.0.0.0", "192.168.1.5", "::1");
        assertThat(mixed.beyondLoopbackAddresses()).containsExactly("0.0.0.0", "192.168.1.5");
    }

    @Test
    void nothingListeningIsNoVerdict() {
        assertThat(PortExposure.of(List.of())).isEmpty();
    }

    @Test
    void labelsAreLowercaseWithHyphensAndReadBack() {
        assertThat(Reach.ALL_INTERFACES.label()).isEqualTo("all-interfaces");
        assertThat(Reach.LOOPBACK.label()).isEqualTo("loopback");
        for (Reach reach : Reach.values()) {
            assertThat(Reach.ofLabel(reach.label())).isEqualTo(reach);
        }
    }
}
