package dev.lpm.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Whether the desktop app starts for the first time in this LPM_HOME: a marker file written after the welcome. */
final class FirstStart {

    static final String MARKER = "welcomed";

    private final Path marker;

    FirstStart(Path marker) {
        this.marker = marker;
    }

    boolean isFirst() {
        return !Files.exists(marker);
    }

    void markDone() throws IOException {
        if (isFirst()) {
            Files.writeString(marker, "welcome shown " + Instant.now() + "\n");
        }
    }
}
