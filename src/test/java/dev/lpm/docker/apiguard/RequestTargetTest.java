package dev.lpm.docker.apiguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Request targets as the engine's router reads them (Go url.ParseRequestURI, gorilla/mux path cleaning). */
class RequestTargetTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /containers/create                               | /containers/create
            /v1.41/containers/create?name=a                  | /v1.41/containers/create?name=a
            /v1.24/containers/create                         | /v1.24/containers/create
            http://docker/v1.41/containers/create            | /v1.41/containers/create
            http://localhost/containers/create?name=x        | /containers/create?name=x
            HTTP://LOCALHOST:2375/v1.41/containers/create    | /v1.41/containers/create
            unix:///v1.41/containers/create                  | /v1.41/containers/create
            unix:/v1.41/containers/create                    | /v1.41/containers/create
            http://user@docker/containers/create             | /containers/create
            /v1.41/../containers/create                      | /containers/create
            /./containers/create                             | /containers/create
            /../../containers/create                         | /containers/create
            /containers/%63reate                             | /containers/create
            /containers%2Fcreate                             | /containers/create
            //containers//create                             | /containers/create
            /v1.41//containers/create/                       | /v1.41/containers/create
            /containers/a%20b/start                          | /containers/a%20b/start
            /containers/create#x                             | /containers/create%23x
            /containers/create?a=%zz                         | /containers/create?a=%zz
            /                                                | /
            """)
    void normalisesAsTheEngineRoutes(String raw, String origin) throws Exception {
        assertThat(RequestTarget.parse(raw).originForm()).isEqualTo(origin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "containers/create", "1http://x/containers/create", "http:containers/create",
            "http://docker", "http://docker?x=/containers/create", "/containers/%6", "/containers/%zzcreate", "/containers/cre\u0000ate",
            "/containers/cre\tate", "/containers/\u00e9", "*"})
    void refusesWhatItCannotReadAsTheEngineWould(String raw) {
        assertThatThrownBy(() -> RequestTarget.parse(raw)).isInstanceOf(RequestTarget.Unreadable.class);
    }

    @ParameterizedTest
    @CsvSource({"/v1.41/containers/create, v1.41", "/v1.24/containers/create, v1.24", "/containers/create,",
            "/v1/containers/create, v1", "/vx/containers/create,"})
    void theVersionPrefixIsTheEnginesPattern(String raw, String version) throws Exception {
        assertThat(RequestTarget.parse(raw).version()).isEqualTo(version);
    }
}
