package dev.lpm.audit.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Programs that print a real tool's recorded output (cosign, docker trust, grype, trivy are not installable from
 * Debian 12 or npm here), after checking the arguments lpm passes: what they print was recorded from the tools.
 */
final class StandIns {

    private StandIns() {}

    /** {@code bin/NAME}: exits 2 unless its arguments are {@code expectedArgs}, else prints and exits as given. */
    static void write(Path bin, String name, String expectedArgs, String stdout, String stderr, int exit)
            throws IOException {
        Path program = bin.resolve(name);
        Files.writeString(program, "#!/bin/sh\n"
                + "[ \"$*\" = '" + expectedArgs + "' ] || { echo \"bad args: $*\" >&2; exit 2; }\n"
                + "/bin/cat <<'OUT'\n" + stdout + "\nOUT\n"
                + "/bin/cat >&2 <<'ERR'\n" + stderr + "\nERR\n"
                + "exit " + exit + "\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
