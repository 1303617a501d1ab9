package dev.lpm.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KnownHeaderNamesTest {

    private static io.netty.util.AsciiString find(String text, String name) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        int start = text.indexOf(name);
        return KnownHeaderNames.find(bytes, start, name.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "host", "Content-Length", "content-length", "ETag", "etag", "X-Powered-By",
            "Sec-WebSocket-Key", "sec-websocket-key", "x-lpm-hops", "Access-Control-Allow-Origin"})
    void knownNamesAreFoundInTheirUsualSpellingAndInLowerCase(String name) {
        Object found = find("GET / HTTP/1.1\r\n" + name + ": x\r\n", name);
        assertThat(found).isNotNull();
        assertThat(found.toString()).isEqualTo(name);
    }

    @Test
    void theSameNameIsTheSameObjectEveryTime() {
        Object first = find("Server: a", "Server");
        assertThat(first).isNotNull().isSameAs(find("xx Server: b", "Server"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Custom", "content-Type", "CONTENT-LENGTH", "Hos", "Hostx", "", "Etag"})
    void otherNamesAndOtherSpellingsAreNotKnown(String name) {
        Object found = find("[" + name + "]", name);
        assertThat(found).isNull();
    }
}
