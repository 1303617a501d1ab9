package dev.lpm.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lpm.core.ServiceState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request smuggling attempts in the classes scanners such as smuggler.py try: CL.TE and TE.CL with
 * Transfer-Encoding obfuscations, Content-Length variants, chunk-size tricks, folding, bare CR/LF and
 * whitespace in heads. Each request hides a second request ("GET /smuggled") where a parser that framed
 * the first one differently from the intended reading would find it, and is followed on the same
 * connection by a plain request ("GET /sentinel", Connection: close) so that everything the proxy made of
 * the bytes has reached the service by the time the connection ends.
 * <p>
 * The service reads with Netty's strict decoder and records every head it parses. Each mutation must be
 * either refused (a 4xx/5xx and the connection closed, no complete request at the service) or forwarded
 * as exactly one request whose body is the intended one; the smuggled request must never reach the
 * service as a request of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxySmugglingTest {

    private static final String HOST = "Host: api.localhost\r\n";
    private static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\n" + HOST + "\r\n";
    private static final String SENTINEL = "GET /sentinel HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n";
    private static final Set<Integer> REFUSALS = Set.of(400, 411, 413, 414, 431, 501, 505);
    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

    /**
     * One attempt: the bytes, and the body the service must receive if the proxy forwards it, or null when
     * only a refusal is right (no reading of the bytes is safe to forward).
     */
    record Mutation(String name, String request, String intactBody) {
        @Override
        public String toString() {
            return name;
        }
    }

    ProxyHarness harness;
    FramingBackend api;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        harness = new ProxyHarness(dir);
        api = new FramingBackend();
        harness.route("api", api.port(), ServiceState.RUNNING);
    }

    @BeforeEach
    void forget() {
        api.clear();
    }

    @AfterAll
    void stop() {
        harness.close();
        api.close();
    }

    /** Transfer-Encoding spellings and neighbours, each one or more header lines without the final CRLF. */
    static List<String> transferEncodings() {
        return List.of(
                "Transfer-Encoding: chunked",
                "Transfer-Encoding: xchunked",
                "Transfer-Encoding: chunk",
                "Transfer-Encoding:  chunked",
                "Transfer-Encoding: chunked ",
                "Transfer-Encoding:\tchunked",
                "Transfer-Encoding\t: chunked",
                "Transfer-Encoding : chunked",
                " Transfer-Encoding: chunked",
                "X-Padding: x\r\n Transfer-Encoding: chunked",
                "Transfer-Encoding:\r\n chunked",
                "Transfer-Encoding: chunked\r\nTransfer-Encoding: x",
                "Transfer-Encoding: x\r\nTransfer-Encoding: chunked",
                "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked",
                "Transfer-Encoding: chunked, identity",
                "Transfer-Encoding: identity, chunked",
                "Transfer-Encoding: gzip, chunked",
                "Transfer-Encoding: CHUNKED",
                "Transfer-Encoding: Chunked",
                "Transfer-Encoding: \"chunked\"",
                "Transfer-Encoding: chunked\u000b",
                "Transfer-Encoding: \u000bchunked",
                "Transfer-Encoding: chunked\r",
                "Transfer-Encoding\0: chunked",
                "X-Padding: x\nTransfer-Encoding: chunked",
                "X-Padding: x\rTransfer-Encoding: chunked",
                "Transfer-Encoding: \u00ffchunked");
    }

    static Stream<Mutation> mutations() {
        List<Mutation> all = new ArrayList<>();
        for (String te : transferEncodings()) {
            String shown = te.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
                    .replace("\u000b", "\\v").replace("\0", "\\0");
            // CL.TE: the intended body runs to Content-Length; a parser taking the chunks ends at "0" and
            // reads the smuggled request as the next one.
            String clteBody = "0\r\n\r\n" + SMUGGLED;
            all.add(new Mutation("CL.TE " + shown, "POST /cl-te HTTP/1.1\r\n" + HOST + "Content-Length: "
                    + clteBody.length() + "\r\n" + te + "\r\n\r\n" + clteBody, clteBody));
            // TE.CL: the intended body is the chunk; a parser taking Content-Length stops after its size line.
            String chunk = chunked(SMUGGLED);
            all.add(new Mutation("TE.CL " + shown, "POST /te-cl HTTP/1.1\r\n" + HOST + "Content-Length: "
                    + (Integer.toHexString(SMUGGLED.length()).length() + 2) + "\r\n" + te + "\r\n\r\n" + chunk, SMUGGLED));
            // TE alone: a parser ignoring this spelling sees no body and takes the chunk as the next request.
            all.add(new Mutation("TE " + shown, "POST /te HTTP/1.1\r\n" + HOST + te + "\r\n\r\n" + chunk, SMUGGLED));
        }
        String body = "0123456789" + SMUGGLED;
        int n = body.length();
        for (String[] cl : new String[][] {
                {"CL +N", "Content-Length: +" + n},
                {"CL -N", "Content-Length: -" + n},
                {"CL leading zeros", "Content-Length: 000" + n},
                {"CL in hex", "Content-Length: 0x" + Integer.toHexString(n)},
                {"CL with a decimal point", "Content-Length: " + n + ".0"},
                {"CL N, N", "Content-Length: " + n + ", " + n},
                {"CL N N", "Content-Length: " + n + " " + n},
                {"CL with blanks around", "Content-Length:   " + n + "  "},
                {"CL twice, same", "Content-Length: " + n + "\r\nContent-Length: " + n},
                {"CL twice, short then long", "Content-Length: 10\r\nContent-Length: " + n},
                {"CL twice, long then short", "Content-Length: " + n + "\r\nContent-Length: 10"},
                {"CL space before colon", "Content-Length : " + n},
                {"CL folded", "Content-Length:\r\n " + n},
                {"CL after a folded line", "X-Padding: a\r\n b\r\nContent-Length: " + n},
                {"CL huge", "Content-Length: 99999999999999999999"},
                {"CL and a short one with NUL in its name", "Content-Length: " + n + "\r\nContent-Length\0: 10"}}) {
            all.add(new Mutation(cl[0], "POST /cl HTTP/1.1\r\n" + HOST + cl[1] + "\r\n\r\n" + body,
                    cl[0].equals("CL huge") ? null : body));
        }
        // Chunk-size tricks. The chunk data starts with an empty line and the smuggled request: a parser that
        // reads the size as 0 ends the body there and takes the smuggled request as the next one.
        String data = "\r\n" + SMUGGLED;
        String hex = Integer.toHexString(data.length());
        for (String[] size : new String[][] {
                {"chunk size plain", hex},
                {"chunk size upper case", hex.toUpperCase()},
                {"chunk size with leading zeros", "0000000000000000" + hex},
                {"chunk size with 300 leading zeros", "0".repeat(300) + hex},
                {"chunk extension", hex + ";name"},
                {"chunk extension with value", hex + ";name=value"},
                {"chunk extension quoted", hex + ";name=\"a b\""},
                {"chunk extension after blanks", hex + " ;name"},
                {"chunk size 0x", "0x" + hex},
                {"chunk size leading blank", " " + hex},
                {"chunk size leading tab", "\t" + hex},
                {"chunk size trailing blank", hex + " "},
                {"chunk size trailing tab", hex + "\t"},
                {"chunk size +", "+" + hex},
                {"chunk size -", "-" + hex},
                {"chunk size junk after", hex + "zz"},
                {"chunk size blank junk after", hex + " zz"},
                {"chunk size NUL after", hex + "\0"},
                {"chunk size 2^32 (wraps to 0)", "100000000"},
                {"chunk size 2^32 + size (wraps to size)", "1" + "0".repeat(8 - hex.length()) + hex},
                {"chunk size 2^64 + size", "1" + "0".repeat(16 - hex.length()) + hex},
                {"chunk size 2^31", "80000000"},
                {"chunk size empty", ""},
                {"chunk size LF only", hex + "\n"}}) {
            String line = size[1].endsWith("\n") ? size[1] : size[1] + "\r\n";
            boolean wraps = size[0].startsWith("chunk size 2^");
            all.add(new Mutation(size[0], "POST /chunks HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n"
                    + line + data + "\r\n0\r\n\r\n", wraps ? null : data));
        }
        String chunkedBody = chunked(SMUGGLED);
        all.add(new Mutation("chunk data ended by LF only", "POST /chunks HTTP/1.1\r\n" + HOST
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(SMUGGLED.length()) + "\r\n" + SMUGGLED
                + "\n0\r\n\r\n", SMUGGLED));
        all.add(new Mutation("last chunk LF only", "POST /chunks HTTP/1.1\r\n" + HOST
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(SMUGGLED.length()) + "\r\n" + SMUGGLED
                + "\r\n0\n\n", SMUGGLED));
        all.add(new Mutation("trailer", "POST /chunks HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n"
                + chunkedBody.replace("0\r\n\r\n", "0\r\nX-Trailer: t\r\n\r\n"), SMUGGLED));
        all.add(new Mutation("folded trailer", "POST /chunks HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n"
                + chunkedBody.replace("0\r\n\r\n", "0\r\nX-Trailer: t\r\n u\r\n\r\n"), SMUGGLED));
        all.add(new Mutation("Content-Length in a trailer", "POST /chunks HTTP/1.1\r\n" + HOST
                + "Transfer-Encoding: chunked\r\n\r\n" + chunkedBody.replace("0\r\n\r\n", "0\r\nContent-Length: 0\r\n\r\n"),
                SMUGGLED));
        // Heads: folding, bare CR and LF, whitespace and odd bytes in names and in the request line.
        String cl = "Content-Length: " + SMUGGLED.length() + "\r\n";
        for (String[] head : new String[][] {
                {"Host folded", "POST /h HTTP/1.1\r\nHost:\r\n api.localhost\r\n" + cl},
                {"first header line starts with a blank", "POST /h HTTP/1.1\r\n " + HOST + cl},
                {"bare LF after the request line", "POST /h HTTP/1.1\n" + HOST + cl},
                {"bare LF between headers", "POST /h HTTP/1.1\r\n" + HOST.replace("\r\n", "\n") + cl},
                {"bare LF ending the head", "POST /h HTTP/1.1\r\n" + HOST + cl.replace("\r\n", "\n") + "\n"},
                {"bare CR between headers", "POST /h HTTP/1.1\r\n" + HOST.replace("\r\n", "\r") + cl},
                {"bare CR in the request line", "POST /h\rHTTP/1.1\r\n" + HOST + cl},
                {"tab in the request line", "POST\t/h HTTP/1.1\r\n" + HOST + cl},
                {"two spaces in the request line", "POST  /h HTTP/1.1\r\n" + HOST + cl},
                {"NUL in a header name", "POST /h HTTP/1.1\r\n" + HOST + "X-A\0: b\r\n" + cl},
                {"space in a header name", "POST /h HTTP/1.1\r\n" + HOST + "X A: b\r\n" + cl},
                {"bracket in a header name", "POST /h HTTP/1.1\r\n" + HOST + "X[A]: b\r\n" + cl},
                {"header without a colon", "POST /h HTTP/1.1\r\n" + HOST + "X-A b\r\n" + cl},
                {"NUL in a header value", "POST /h HTTP/1.1\r\n" + HOST + "X-A: b\0c\r\n" + cl},
                {"absolute-form with another Host", "POST http://other.localhost/h HTTP/1.1\r\n" + HOST + cl},
                {"HTTP/1.0 with keep-alive", "POST /h HTTP/1.0\r\nConnection: keep-alive\r\n" + HOST + cl},
                {"lower-case version", "POST /h http/1.1\r\n" + HOST + cl},
                {"version without minor", "POST /h HTTP/1\r\n" + HOST + cl}}) {
            all.add(new Mutation(head[0], head[1] + "\r\n" + SMUGGLED, SMUGGLED));
        }
        return all.stream();
    }

    private static String chunked(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n0\r\n\r\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void isRefusedOrForwardedAsExactlyOneIntactRequest(Mutation mutation) throws Exception {
        ProxyHarness.Answer answer = harness.exchange(mutation.request() + SENTINEL, Duration.ofSeconds(5));
        List<Integer> statuses = new ArrayList<>();
        Matcher m = STATUS.matcher(answer.text());
        while (m.find()) {
            statuses.add(Integer.parseInt(m.group(1)));
        }
        assertThat(answer.closed()).as("the proxy ended the connection (answer: %s)", answer.text()).isTrue();
        assertThat(api.heads).as("request heads the service parsed").noneMatch(h -> h.contains("smuggled"));
        assertThat(api.malformed).as("requests from the proxy the service could not read").isEmpty();
        List<FramingBackend.Received> forwarded = api.complete.stream()
                .filter(r -> !r.uri().equals("/sentinel")).toList();
        if (forwarded.isEmpty()) {
            assertThat(statuses).as("refused (answer: %s)", answer.text()).isNotEmpty();
            assertThat(REFUSALS).as("refusal status").contains(statuses.getFirst());
            assertThat(api.complete).as("nothing after a refusal").isEmpty();
        } else {
            assertThat(mutation.intactBody()).as("this mutation must be refused, not forwarded").isNotNull();
            assertThat(forwarded).as("forwarded requests").hasSize(1);
            assertThat(forwarded.getFirst().body()).as("body the service received").isEqualTo(mutation.intactBody());
            assertThat(statuses).as("answers").containsExactly(200, 200);
            assertThat(api.complete.getLast().uri()).isEqualTo("/sentinel");
        }
    }
}
