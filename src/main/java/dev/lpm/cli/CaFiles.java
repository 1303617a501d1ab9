package dev.lpm.cli;

import dev.lpm.config.LpmHome;
import java.nio.file.Path;

/** Where lpm's CA certificate lives in LPM_HOME (the TLS side makes it there). */
final class CaFiles {

    private CaFiles() {}

    static Path certificate(LpmHome home) {
        return home.dir().resolve("tls").resolve("ca.pem");
    }
}
