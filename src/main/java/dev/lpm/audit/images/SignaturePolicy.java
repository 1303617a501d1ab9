package dev.lpm.audit.images;

/**
 * Whose signature an image must carry for cosign: a public key (file, KMS URI), or a keyless identity with the
 * OIDC issuer that vouched for it. Neither set: cosign is not asked, and Docker Content Trust is tried.
 */
public record SignaturePolicy(String cosignKey, String identity, String issuer) {

    public static final SignaturePolicy NONE = new SignaturePolicy("", "", "");

    public SignaturePolicy {
        cosignKey = cosignKey == null ? "" : cosignKey;
        identity = identity == null ? "" : identity;
        issuer = issuer == null ? "" : issuer;
        if (!cosignKey.isEmpty() && !identity.isEmpty()) {
            throw new IllegalArgumentException("a cosign key and a keyless identity exclude each other");
        }
        if (identity.isEmpty() != issuer.isEmpty()) {
            throw new IllegalArgumentException("a keyless identity needs its OIDC issuer, and the issuer an identity");
        }
    }

    public boolean cosign() {
        return !cosignKey.isEmpty() || !identity.isEmpty();
    }

    /** "key K" or "identity I from issuer O", as the output says whom it checked against. */
    public String describe() {
        return !cosignKey.isEmpty() ? "key " + cosignKey : "identity " + identity + " from " + issuer;
    }
}
