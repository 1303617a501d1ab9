package dev.lpm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "api", "my-app", "a1", "1a", "x-y-z", "0",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk"})
    void acceptsDnsLabels(String name) {
        assertThat(ServiceName.of(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Api", "my_app", "-api", "api-", "a.b", "a b", "ä", "api\n",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl"})
    void refusesEverythingElseSayingWhatIsAllowed(String name) {
        assertThatThrownBy(() -> ServiceName.of(name))
                .isInstanceOf(InvalidServiceNameException.class)
                .hasMessageContaining("invalid service name")
                .hasMessageContaining("lowercase letters a-z, digits and '-'");
    }

    @org.junit.jupiter.api.Test
    void refusesNull() {
        assertThatThrownBy(() -> ServiceName.of(null)).hasMessageContaining("(none)");
    }
}
