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

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "lpm", "xn--bcher-kva", "ab--c"})
    void reservedNamesAreValidLabelsButNoNewRegistrationMayTakeThem(String name) {
        ServiceName parsed = ServiceName.of(name); // services.json written before the rule still loads
        assertThat(parsed.reservedBecause()).isPresent();
        assertThatThrownBy(parsed::requireRegistrable)
                .isInstanceOf(ReservedServiceNameException.class)
                .hasMessageContaining("'" + name + "'")
                .hasMessageEndingWith(ServiceName.RESERVED_RULE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost2", "my-localhost", "lpm-web", "a--b", "api"})
    void namesLikeReservedOnesAreFine(String name) {
        assertThat(ServiceName.of(name).requireRegistrable().value()).isEqualTo(name);
    }
}
