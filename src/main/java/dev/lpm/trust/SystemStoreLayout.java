package dev.lpm.trust;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Linux system stores: a directory of anchors an administrator adds certificates to, the tool that
 * turns the anchors into what programs read, and the bundle that tool writes (which {@code --status}
 * reads: a copied file the tool has not been run for is not trusted yet).
 */
public enum SystemStoreLayout {

    /** Debian, Ubuntu: {@code --fresh} on removal, so the link to the removed file goes too. */
    DEBIAN("Debian/Ubuntu", Path.of("/usr/local/share/ca-certificates"), ".crt",
            List.of("update-ca-certificates"), List.of("update-ca-certificates", "--fresh"),
            Path.of("/etc/ssl/certs/ca-certificates.crt"), "ca-certificates"),
    FEDORA("Fedora/RHEL", Path.of("/etc/pki/ca-trust/source/anchors"), ".pem",
            List.of("update-ca-trust", "extract"), List.of("update-ca-trust", "extract"),
            Path.of("/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem"), "ca-certificates"),
    /** Arch: p11-kit's anchors directory; update-ca-trust (ca-certificates-utils) extracts it. */
    ARCH("Arch", Path.of("/etc/ca-certificates/trust-source/anchors"), ".crt",
            List.of("update-ca-trust"), List.of("update-ca-trust"),
            Path.of("/etc/ca-certificates/extracted/tls-ca-bundle.pem"), "ca-certificates-utils");

    private final String label;
    private final Path anchors;
    private final String suffix;
    private final List<String> refreshAfterAdd;
    private final List<String> refreshAfterRemove;
    private final Path bundle;
    private final String toolPackage;

    SystemStoreLayout(String label, Path anchors, String suffix, List<String> refreshAfterAdd,
            List<String> refreshAfterRemove, Path bundle, String toolPackage) {
        this.label = label;
        this.anchors = anchors;
        this.suffix = suffix;
        this.refreshAfterAdd = refreshAfterAdd;
        this.refreshAfterRemove = refreshAfterRemove;
        this.bundle = bundle;
        this.toolPackage = toolPackage;
    }

    public String label() {
        return label;
    }

    public Path anchors() {
        return anchors;
    }

    public String suffix() {
        return suffix;
    }

    public List<String> refreshAfterAdd() {
        return refreshAfterAdd;
    }

    public List<String> refreshAfterRemove() {
        return refreshAfterRemove;
    }

    public Path bundle() {
        return bundle;
    }

    public String tool() {
        return refreshAfterAdd.getFirst();
    }

    public String toolPackage() {
        return toolPackage;
    }

    /**
     * {@code LPM_TRUST_SYSTEM} (debian, fedora, arch; "none" for no system store) when set, else the first
     * layout whose anchors directory exists here.
     */
    public static Optional<SystemStoreLayout> choose(String configured) {
        if (configured != null && !configured.isBlank()) {
            String wanted = configured.strip().toLowerCase(Locale.ROOT);
            if (wanted.equals("none")) {
                return Optional.empty();
            }
            for (SystemStoreLayout layout : values()) {
                if (layout.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                    return Optional.of(layout);
                }
            }
            throw new TrustException("LPM_TRUST_SYSTEM=" + configured + " is not one of debian, fedora, arch, none");
        }
        for (SystemStoreLayout layout : List.of(FEDORA, ARCH, DEBIAN)) {
            if (java.nio.file.Files.isDirectory(layout.anchors())) {
                return Optional.of(layout);
            }
        }
        return Optional.empty();
    }
}
