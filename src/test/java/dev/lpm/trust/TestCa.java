package dev.lpm.trust;

import dev.lpm.testsupport.Requirements;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throwaway CA certificate made with openssl (the tool, not lpm's CA code), for the trust places' tests. */
final class TestCa {

    private TestCa() {}

    static CaCertificate make(Path dir, String commonName) throws IOException, InterruptedException {
        Requirements.requireCommand("openssl", "openssl");
        Path cert = dir.resolve(commonName.replaceAll("[^A-Za-z0-9]", "_") + ".pem");
        Process process = new ProcessBuilder(List.of("openssl", "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", dir.resolve("key-" + cert.getFileName()).toString(),
                "-out", cert.toString(), "-days", "2", "-subj", "/CN=" + commonName,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("openssl req could not make a test CA");
        }
        return CaCertificate.read(cert);
    }
}
