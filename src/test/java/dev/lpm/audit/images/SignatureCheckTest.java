package dev.lpm.audit.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lpm.audit.scan.Tools;
import dev.lpm.core.Finding;
import dev.lpm.core.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signature verdicts on an image pulled from a registry (it has a RepoDigest). Neither cosign nor a notary
 * server is reachable here, so the tools' recorded answers stand in; the live engine test covers the image
 * without a registry digest.
 */
class SignatureCheckTest {

    private static final String DIGEST_REF = "gcr.io/distroless/python3-debian11@sha256:"
            + "4c1a1bd7b9c3e1c84f6d3dbbe3e2d2c4f0b7c5f0a9c0e7f9d3a1c2b3e4f5a6b7";
    private static final ImageSubject PULLED = new ImageSubject(List.of("py"), "gcr.io/distroless/python3-debian11",
            "sha256:" + "1".repeat(64), List.of(DIGEST_REF), "sha256:" + "1".repeat(64), List.of(DIGEST_REF));

    @Test
    void cosignVerifiesTheRunningDigestAgainstTheConfiguredKey(@TempDir Path bin) throws Exception {
        StandIns.write(bin, "cosign", "verify --key cosign.pub " + DIGEST_REF,
                "[{\"critical\":{\"identity\":{\"docker-reference\":\"gcr.io/distroless/python3-debian11\"}}}]",
                "Verification for " + DIGEST_REF + " --\nThe following checks were performed on each of these"
                        + " signatures:\n  - The cosign claims were validated", 0);
        ImageCheckResult result = check(bin, new SignaturePolicy("cosign.pub", "", ""));
        assertThat(result.finding()).isEmpty();
        assertThat(result.fact()).hasValue("signature: verified by cosign against key cosign.pub (" + DIGEST_REF + ")");
    }

    @Test
    void aFailedCosignVerificationIsAnUnsignedImage(@TempDir Path bin) throws Exception {
        StandIns.write(bin, "cosign", "verify --certificate-identity keyless@distroless.iam.gserviceaccount.com"
                        + " --certificate-oidc-issuer https://accounts.google.com " + DIGEST_REF, "",
                "Error: no matching signatures: none of the expected identities matched what was in the certificate",
                1);
        Finding f = check(bin, new SignaturePolicy("", "keyless@distroless.iam.gserviceaccount.com",
                "https://accounts.google.com")).finding().orElseThrow();
        assertThat(f.id()).isEqualTo("image-unsigned");
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.container()).isEqualTo("image gcr.io/distroless/python3-debian11");
        assertThat(f.seen()).isEqualTo("cosign verify " + DIGEST_REF + " against identity"
                + " keyless@distroless.iam.gserviceaccount.com from https://accounts.google.com failed (exit 1): Error:"
                + " no matching signatures: none of the expected identities matched what was in the certificate");
        assertThat(f.why()).isNotEmpty();
        assertThat(f.fix()).contains("cosign");
    }

    @Test
    void aConfiguredKeyWithoutCosignSaysToInstallIt(@TempDir Path bin) {
        Finding f = check(bin, new SignaturePolicy("cosign.pub", "", "")).finding().orElseThrow();
        assertThat(f.id()).isEqualTo("image-signature-unchecked");
        assertThat(f.seen()).isEqualTo("cosign key cosign.pub is configured, but cosign is not on the PATH");
        assertThat(f.fix()).startsWith("install cosign");
    }

    @Test
    void dockerTrustWithSignedTagsIsAFact(@TempDir Path bin) throws Exception {
        StandIns.write(bin, "docker", "trust inspect gcr.io/distroless/python3-debian11", """
                [{"Name":"gcr.io/distroless/python3-debian11","SignedTags":[{"SignedTag":"latest",\
                "Digest":"4c1a","Signers":["Repo Admin"]}],"Signers":[{"Name":"builder","Keys":[{"ID":"5f"}]}],\
                "AdministrativeKeys":[{"Name":"Root","Keys":[{"ID":"a1"}]}]}]""", "", 0);
        ImageCheckResult result = check(bin, SignaturePolicy.NONE);
        assertThat(result.finding()).isEmpty();
        assertThat(result.fact()).hasValue("signature: signed tag (docker trust, signers builder)");
    }

    @Test
    void dockerTrustWithoutSignaturesIsAnUnsignedImage(@TempDir Path bin) throws Exception {
        // What docker trust inspect printed here for an image without Content Trust data (stdout, then stderr).
        StandIns.write(bin, "docker", "trust inspect gcr.io/distroless/python3-debian11", "[]",
                "no signatures or cannot access gcr.io/distroless/python3-debian11", 0);
        Finding f = check(bin, SignaturePolicy.NONE).finding().orElseThrow();
        assertThat(f.id()).isEqualTo("image-unsigned");
        assertThat(f.seen()).isEqualTo("docker trust inspect gcr.io/distroless/python3-debian11 found no signed tag"
                + " (no Content Trust signature, or its notary server could not be reached): no signatures or cannot"
                + " access gcr.io/distroless/python3-debian11; no cosign key or identity is configured");
    }

    @Test
    void withoutCosignConfigAndWithoutTheDockerCliNothingCanBeChecked(@TempDir Path bin) {
        Finding f = check(bin, SignaturePolicy.NONE).finding().orElseThrow();
        assertThat(f.id()).isEqualTo("image-signature-unchecked");
        assertThat(f.fix()).contains("install cosign").contains("docker trust inspect");
    }

    @Test
    void aKeyAndAnIdentityExcludeEachOtherAndAnIdentityNeedsItsIssuer() {
        assertThatThrownBy(() -> new SignaturePolicy("k.pub", "me@example.org", "https://issuer"))
                .hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> new SignaturePolicy("", "me@example.org", ""))
                .hasMessageContaining("needs its OIDC issuer");
    }

    private static ImageCheckResult check(Path bin, SignaturePolicy policy) {
        // Only the stand-ins' directory: a real docker on the machine must not answer (they call /bin/cat by path).
        return new SignatureCheck(new Tools(bin.toString()), policy, Duration.ofSeconds(30)).check(PULLED);
    }
}
