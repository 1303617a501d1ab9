package dev.lpm.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeepAliveTimeoutTest {

    @ParameterizedTest(name = "[{index}] Keep-Alive: {0} -> {1} ms")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL | -1",                      // no header: the pool's own idle timeout
            "timeout=5 | 4000",               // Node's: reused for a second less than the service keeps it
            "timeout=5, max=1000 | 4000",
            "max=100, TIMEOUT = 30 | 29000",
            "timeout=1 | 0",                  // too short to reuse safely
            "timeout=0 | 0",
            "max=5 | -1",
            "timeout= | -1",                  // not a number of seconds: as if absent
            "timeout=-3 | -1",
            "timeout=5s | -1",
            "timeout=99999999999999 | -1",
    })
    void reusableFor(String header, long millis) {
        long nanos = KeepAliveTimeout.reusableNanos(header);

        assertThat(nanos).isEqualTo(millis < 0 ? -1 : Duration.ofMillis(millis).toNanos());
    }
}
