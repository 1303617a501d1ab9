package dev.lpm.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.LoopbackAddress.Form;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoopbackAddressTest {

    @ParameterizedTest(name = "[{0}] is {1}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, textBlock = """
            127.0.0.1|CANONICAL
            127.1.2.3|CANONICAL
            127.255.255.255|CANONICAL
            ::1|CANONICAL
            ::ffff:127.0.0.1|NON_CANONICAL
            ::FFFF:7f00:1|NON_CANONICAL
            127.1|NON_CANONICAL
            127.0.1|NON_CANONICAL
            2130706433|NON_CANONICAL
             127.0.0.1|NON_CANONICAL
            127.0.0.1 |NON_CANONICAL
            [::1]|NON_CANONICAL
            ::1%lo|NON_CANONICAL
            [::1%lo]|NON_CANONICAL
            0:0:0:0:0:0:0:1|NON_CANONICAL
            ::0:1|NON_CANONICAL
            0127.0.0.1|NOT_LOOPBACK
            127.0.0.01|NOT_LOOPBACK
            0x7f.0.0.1|NOT_LOOPBACK
            0.0.0.0|NOT_LOOPBACK
            ::|NOT_LOOPBACK
            ::ffff:10.0.0.1|NOT_LOOPBACK
            ::127.0.0.1|NOT_LOOPBACK
            fe80::1|NOT_LOOPBACK
            2001:db8::5|NOT_LOOPBACK
            10.8.0.2|NOT_LOOPBACK
            192.168.1.20|NOT_LOOPBACK
            127.256.0.1|NOT_LOOPBACK
            127.0.0.1.|NOT_LOOPBACK
            127.0.0.1:80|NOT_LOOPBACK
            [127.0.0.1]|NOT_LOOPBACK
            ::1::1|NOT_LOOPBACK
            localhost|NOT_LOOPBACK
            app.localhost|NOT_LOOPBACK
            garbage|NOT_LOOPBACK
            ''|NOT_LOOPBACK
            """)
    void decidesByTheTextAlone(String text, Form expected) {
        assertThat(LoopbackAddress.classify(text)).isEqualTo(expected);
        assertThat(LoopbackAddress.isLoopback(text)).isEqualTo(expected != Form.NOT_LOOPBACK);
        assertThat(LoopbackAddress.isCanonical(text)).isEqualTo(expected == Form.CANONICAL);
    }

    @Test
    void nullIsNotLoopback() {
        assertThat(LoopbackAddress.classify(null)).isEqualTo(Form.NOT_LOOPBACK);
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1|127.0.0.1
            127.2.3.4|127.2.3.4
            ::1|::1
            [::1]|::1
            0.0.0.0|127.0.0.1
            ::ffff:10.0.0.1|127.0.0.1
            ::|::1
            2001:db8::5|::1
            garbage|127.0.0.1
            ''|127.0.0.1
            """)
    void keepsCanonicalLoopbackElseTheLoopbackOfTheSameFamily(String text, String expected) {
        assertThat(LoopbackAddress.canonicalOrLoopbackOfFamily(text)).isEqualTo(expected);
    }
}
