package dev.lpm.docker.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    private static List<String> words(String line) {
        return ShellWords.tokenize(line).stream().filter(ShellToken::isWord).map(ShellToken::value).toList();
    }

    @Test
    void splitsOnBlanksAndRemovesQuotes() {
        assertThat(words("docker  run\t-p '8080:80' \"my app\" a\\ b")).containsExactly("docker", "run", "-p",
                "8080:80", "my app", "a b");
    }

    @Test
    void adjacentQuotedPartsFormOneWord() {
        assertThat(words("--name=\"my \"'app'x")).containsExactly("--name=my appx");
    }

    @Test
    void singleQuotesKeepEverythingLiterally() {
        assertThat(words("'a\\b \"c\" $X'")).containsExactly("a\\b \"c\" $X");
        assertThat(ShellWords.tokenize("'$X'").getFirst().expands()).isFalse();
    }

    @Test
    void doubleQuotesKeepBackslashOnlyBeforeSpecialCharacters() {
        assertThat(words("\"a\\\"b \\$c \\\\ \\n\"")).containsExactly("a\"b $c \\ \\n");
    }

    @Test
    void unquotedAndDoubleQuotedDollarMarkTheWordAsExpanding() {
        List<ShellToken> tokens = ShellWords.tokenize("$PWD \"$HOME\" \\$x `id` plain");
        assertThat(tokens).extracting(ShellToken::expands).containsExactly(true, true, false, true, false);
    }

    @Test
    void operatorsEndWordsAndAreTheirOwnTokens() {
        List<ShellToken> tokens = ShellWords.tokenize("a&&b|c;d 2>err >>out <in");
        assertThat(tokens).extracting(ShellToken::value)
                .containsExactly("a", "&&", "b", "|", "c", ";", "d", "2>", "err", ">>", "out", "<", "in");
        assertThat(tokens.get(7).kind()).isEqualTo(ShellToken.Kind.REDIRECT);
        assertThat(tokens.get(1).kind()).isEqualTo(ShellToken.Kind.CONTROL);
        assertThat(words("a';'b \"|\"")).containsExactly("a;b", "|");
    }

    @Test
    void spansPointAtTheRawText() {
        String line = "run  -p '80:80'";
        ShellToken value = ShellWords.tokenize(line).get(2);
        assertThat(line.substring(value.start(), value.end())).isEqualTo("'80:80'");
    }

    @Test
    void commentsAndLineContinuations() {
        assertThat(words("a b\\\nc # -p 80:80")).containsExactly("a", "bc");
        assertThat(words("a#b")).containsExactly("a#b");
    }

    @Test
    void refusesWhatShWouldRefuse() {
        assertThatThrownBy(() -> ShellWords.tokenize("echo 'open")).isInstanceOf(ShellSyntaxException.class)
                .hasMessageContaining("single quote");
        assertThatThrownBy(() -> ShellWords.tokenize("echo \"open")).isInstanceOf(ShellSyntaxException.class);
        assertThatThrownBy(() -> ShellWords.tokenize("echo \\")).isInstanceOf(ShellSyntaxException.class);
    }

    @Test
    void quotingRoundTrips() {
        for (String value : List.of("plain", "with space", "it's", "[::1]:80:80", "", "$HOME", "a\"b\\c")) {
            assertThat(words(ShellQuoting.quote(value))).containsExactly(value);
        }
        assertThat(ShellQuoting.quote("127.0.0.1:{port}:80")).isEqualTo("127.0.0.1:{port}:80");
        assertThat(ShellQuoting.quoteKeepingPortVariable("127.0.0.1:$PORT:80")).isEqualTo("127.0.0.1:\"$PORT\":80");
    }
}
