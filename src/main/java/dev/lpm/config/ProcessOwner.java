package dev.lpm.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** The user id this process runs as (the effective one: the one that owns what it creates). */
final class ProcessOwner {

    private static volatile Integer uid;

    private ProcessOwner() {}

    static int uid() throws IOException {
        Integer known = uid;
        if (known == null) {
            known = uid = lookUp();
        }
        return known;
    }

    private static int lookUp() throws IOException {
        Path self = Path.of("/proc/self");
        if (Files.isDirectory(self)) {
            return (Integer) Files.getAttribute(self, "unix:uid"); // Linux: owned by the effective uid
        }
        // Elsewhere (macOS): a file this process creates is owned by it.
        Path probe = Files.createTempFile("lpm-uid", ".tmp");
        try {
            return (Integer) Files.getAttribute(probe, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
