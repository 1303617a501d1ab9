package dev.lpm.docker.command;

/**
 * The nerdctl CLI's options (nerdctl 1-2). Read from nerdctl's flag definitions (cmd/nerdctl/main.go and
 * container/container_run.go, which run and create share).
 */
final class NerdctlOptions {

    /**
     * Options of nerdctl itself that every subcommand accepts too ({@code nerdctl run -n k8s.io ...}): -n is
     * --namespace, -H and --host are --address, --storage-driver is --snapshotter.
     */
    private static final OptionTable PERSISTENT = OptionTable.of("""
            address host namespace snapshotter storage-driver cni-path cni-netconfpath data-root cgroup-manager
            hosts-dir host-gateway-ip bridge-ip cdi-spec-dirs userns-remap global-dns global-dns-opts
            global-dns-search""", "debug debug-full insecure-registry experimental kube-hide-dupe selinux-enabled",
            "nH", "");

    /** nerdctl's own options, which may stand before the subcommand ({@code nerdctl --namespace k8s.io run}). */
    static final OptionTable GLOBAL = PERSISTENT.plus(OptionTable.of("", "help version", "a", "hv"));

    /**
     * nerdctl run / nerdctl create: the shared options, nerdctl's own (image verification, ...) and the
     * persistent ones.
     */
    static final OptionTable RUN = SharedRunOptions.TABLE.plus(PERSISTENT).plus(OptionTable.of("""
            cgroup-conf cosign-certificate-identity cosign-certificate-identity-regexp cosign-certificate-oidc-issuer
            cosign-certificate-oidc-issuer-regexp cosign-key domainname entrypoint init-binary ipfs-address isolation
            pidfile rdt-class runtime systemd umask verify""", "rootfs", "", ""));

    private NerdctlOptions() {}
}
