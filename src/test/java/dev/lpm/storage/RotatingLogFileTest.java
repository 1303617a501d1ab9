package dev.lpm.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogFileTest {

    @TempDir
    Path dir;

    @Test
    void appendsLines() throws IOException {
        try (RotatingLogFile log = new RotatingLogFile(dir.resolve("api.log"), 1024, 2)) {
            log.write("one");
            log.write("two");
        }
        assertThat(Files.readAllLines(dir.resolve("api.log"))).containsExactly("one", "two");
    }

    @Test
    void neverWritesThroughALinkInTheLogsPlace() throws IOException {
        Path target = Files.writeString(dir.resolve("lpmtest-target"), "");
        Files.createSymbolicLink(dir.resolve("api.log"), target);
        try (RotatingLogFile log = new RotatingLogFile(dir.resolve("api.log"), 1024, 2)) {
            log.write("one");
        }
        assertThat(Files.readString(target)).isEmpty();
    }

    @Test
    void rotatesAndKeepsAtMostTheConfiguredFiles() throws IOException {
        try (RotatingLogFile log = new RotatingLogFile(dir.resolve("api.log"), 50, 2)) {
            for (int i = 0; i < 100; i++) {
                log.write("line " + i + " ..........");
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("api.log", "api.log.1", "api.log.2");
        }
        assertThat(Files.size(dir.resolve("api.log"))).isLessThanOrEqualTo(50);
        assertThat(Files.readAllLines(dir.resolve("api.log"))).last().isEqualTo("line 99 ..........");
        assertThat(Files.readAllLines(dir.resolve("api.log.1"))).last().isEqualTo("line 97 ..........");
    }

    @Test
    void ignoresWritesAfterClose() {
        RotatingLogFile log = new RotatingLogFile(dir.resolve("api.log"), 50, 2);
        log.close();
        log.write("late");
        assertThat(dir.resolve("api.log")).doesNotExist();
    }
}
