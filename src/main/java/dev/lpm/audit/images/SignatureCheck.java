package dev.lpm.audit.images;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lpm.audit.scan.Tools;
import dev.lpm.core.Finding;
import dev.lpm.core.Severity;
import dev.lpm.storage.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The guide's "use signed and verified images": cosign verify against the configured key or keyless identity,
 * else Docker Content Trust ({@code docker trust inspect}). An image without a registry digest, or a machine with
 * no way to verify, is said as such, with what to set up.
 */
public final class SignatureCheck {

    public static final String UNSIGNED = "image-unsigned";
    public static final String UNCHECKED = "image-signature-unchecked";
    private static final String REFERENCE = "guide: supply chain (cosign, docker trust)";
    private static final String WHY = "An image nobody vouches for can carry anything (crypto miners have been"
            + " found in public images); a signature checked against a key you trust shows who built it and that it"
            + " was not changed on the way.";
    private static final String SIGN_FIX = "sign what you build and push (cosign sign --key KEY IMAGE), use images"
            + " their publisher signs, and verify them: lpm audit --images --cosign-key KEY (or --cosign-identity ID"
            + " --cosign-issuer URL), or DOCKER_CONTENT_TRUST=1 for docker pull";

    private final Tools tools;
    private final SignaturePolicy policy;
    private final Duration timeout;

    public SignatureCheck(Tools tools, SignaturePolicy policy, Duration timeout) {
        this.tools = tools;
        this.policy = policy;
        this.timeout = timeout;
    }

    public ImageCheckResult check(ImageSubject image) {
        if (image.runningDigests().isEmpty()) {
            return ImageCheckResult.finding(new Finding(UNCHECKED, REFERENCE, Severity.LOW, image.subject(),
                    ImageSubject.shortId(image.runningId()) + " has no registry digest (built or imported on this"
                            + " machine): there is no published signature to check",
                    WHY, SIGN_FIX));
        }
        if (policy.cosign()) {
            return cosign(image);
        }
        if (!tools.installed("docker")) {
            return ImageCheckResult.finding(new Finding(UNCHECKED, REFERENCE, Severity.LOW, image.subject(),
                    "no cosign key or identity is configured, and the docker CLI (docker trust) is not on the PATH",
                    WHY, "install cosign and pass --cosign-key KEY (or --cosign-identity ID --cosign-issuer URL),"
                            + " or install the docker CLI for docker trust inspect"));
        }
        return dockerTrust(image);
    }

    private ImageCheckResult cosign(ImageSubject image) {
        if (!tools.installed("cosign")) {
            return ImageCheckResult.finding(new Finding(UNCHECKED, REFERENCE, Severity.LOW, image.subject(),
                    "cosign " + policy.describe() + " is configured, but cosign is not on the PATH", WHY,
                    "install cosign (Sigstore's release packages: Debian 12 and npm have none), then run the audit"
                            + " again"));
        }
        // The digest that runs, not the tag: a tag may have moved since.
        String digestRef = image.runningDigests().getFirst();
        List<String> command = new ArrayList<>(List.of("cosign", "verify"));
        if (!policy.cosignKey().isEmpty()) {
            command.addAll(List.of("--key", policy.cosignKey()));
        } else {
            command.addAll(List.of("--certificate-identity", policy.identity(), "--certificate-oidc-issuer",
                    policy.issuer()));
        }
        command.add(digestRef);
        Tools.Result result = tools.run(command, timeout);
        if (result.ok()) {
            return ImageCheckResult.fact("signature: verified by cosign against " + policy.describe() + " ("
                    + digestRef + ")");
        }
        return ImageCheckResult.finding(new Finding(UNSIGNED, REFERENCE, Severity.MEDIUM, image.subject(),
                "cosign verify " + digestRef + " against " + policy.describe() + " failed (exit " + result.exit()
                        + "): " + result.complaint(), WHY, SIGN_FIX));
    }

    private ImageCheckResult dockerTrust(ImageSubject image) {
        Tools.Result result = tools.run(List.of("docker", "trust", "inspect", image.ref()), timeout);
        List<String> signers = new ArrayList<>();
        boolean signed = false;
        if (result.ok()) {
            try {
                for (JsonNode repo : Json.mapper().readTree(result.output())) {
                    signed |= !repo.path("SignedTags").isEmpty();
                    repo.path("Signers").forEach(s -> signers.add(s.path("Name").asText()));
                }
            } catch (java.io.IOException e) {
                return ImageCheckResult.finding(new Finding(UNCHECKED, REFERENCE, Severity.LOW, image.subject(),
                        "docker trust inspect " + image.ref() + " printed no JSON: " + e.getMessage(), WHY, SIGN_FIX));
            }
        }
        if (signed) {
            return ImageCheckResult.fact("signature: signed tag (docker trust" + (signers.isEmpty() ? ""
                    : ", signers " + String.join(", ", signers)) + ")");
        }
        String said = result.complaint();
        return ImageCheckResult.finding(new Finding(UNSIGNED, REFERENCE, Severity.MEDIUM, image.subject(),
                "docker trust inspect " + image.ref() + " found no signed tag (no Content Trust signature, or its"
                        + " notary server could not be reached)" + (said.isEmpty() ? "" : ": " + said)
                        + "; no cosign key or identity is configured", WHY, SIGN_FIX));
    }
}
