package dev.lpm.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    private static List<String> split(byte[] input, int max) throws IOException {
        List<String> lines = new ArrayList<>();
        new LineSplitter(max).pump(new ByteArrayInputStream(input), lines::add);
        return lines;
    }

    @Test
    void splitsOnNewlinesAndDropsCarriageReturns() throws IOException {
        assertThat(split("a\r\nb\n\nlast".getBytes(StandardCharsets.UTF_8), 64)).containsExactly("a", "b", "", "last");
    }

    @Test
    void replacesMalformedUtf8() throws IOException {
        byte[] input = {'o', 'k', (byte) 0xFF, (byte) 0xC3, '\n', (byte) 0xC3, (byte) 0xA9, '\n'};
        assertThat(split(input, 64)).containsExactly("ok\uFFFD\uFFFD", "é");
    }

    @Test
    void capsLongLinesWithoutSplittingCharacters() throws IOException {
        String text = "é".repeat(10_000); // 20,000 bytes, no newline
        List<String> lines = split(text.getBytes(StandardCharsets.UTF_8), 1001);
        assertThat(lines).allSatisfy(line -> assertThat(line.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(1001));
        assertThat(String.join("", lines)).isEqualTo(text);
    }

    @Test
    void aMegabyteWithoutNewlineBecomesBoundedPieces() throws IOException {
        byte[] input = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(input, (byte) 'x');
        List<String> lines = split(input, LineSplitter.DEFAULT_MAX_LINE_BYTES);
        assertThat(lines).hasSize(3 * 64).allSatisfy(line -> assertThat(line).hasSize(16 * 1024));
    }
}
