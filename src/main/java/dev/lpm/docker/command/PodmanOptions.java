package dev.lpm.docker.command;

/**
 * The podman CLI's options (podman 4-6; also podman-remote, which has fewer). Read from podman's flag
 * definitions (cmd/podman/root.go, common/create.go, common/netflags.go, containers/run.go and create.go).
 */
final class PodmanOptions {

    /** Options of podman itself that every subcommand accepts too ({@code podman run --root /x ...}). */
    private static final OptionTable PERSISTENT = OptionTable.of("""
            cdi-spec-dir cgroup-manager conmon cpu-profile default-mounts-file events-backend hooks-dir imagestore
            log-level max-workers memory-profile namespace network-backend network-config-dir pull-option
            registries-conf root runroot runtime runtime-flag storage-driver storage-opt tmpdir volumepath""",
            "help syslog trace transient-store", "", "");

    /** podman's own options, which may stand before the subcommand ({@code podman --remote run}). */
    static final OptionTable GLOBAL = PERSISTENT.plus(OptionTable.of("""
            config connection context host identity module out ssh tls-ca tls-cert tls-details tls-key url
            cni-config-dir""", "debug noout remote version", "cH", "Drv"));

    /**
     * podman run / podman create: the shared options, podman's own (pods, id maps, health-startup, ...)
     * and the persistent ones. {@code -c} is --cpu-shares; --net and --dns-opt are podman's aliases of
     * --network and --dns-option, --healthcheck-* of --health-*; --tls-verify takes its value only as
     * {@code --tls-verify=false}.
     */
    static final OptionTable RUN = SharedRunOptions.TABLE.plus(PERSISTENT).plus(OptionTable.of("""
            arch authfile cert-dir cgroup-conf cgroups chrootdirs conmon-pidfile creds decryption-key
            device-cgroup-rule entrypoint env-merge gidmap group-entry health-log-destination health-max-log-count
            health-max-log-size health-on-failure health-startup-cmd health-startup-interval health-startup-retries
            health-startup-success health-startup-timeout healthcheck-command healthcheck-interval
            healthcheck-retries healthcheck-start-period healthcheck-timeout hosts-file hostuser image-volume
            init-ctr init-path network-alias os passwd-entry personality pidfile pod pod-id-file preserve-fd
            preserve-fds rdt-class requires retry retry-delay sdnotify seccomp-policy secret shm-size-systemd
            signature-policy subgidname subuidname systemd timeout tz uidmap umask unsetenv variant""", """
            disable-content-trust env-host http-proxy no-hostname no-hosts passwd read-only-tmpfs replace rmi
            rootfs tls-verify unsetenv-all""", "c", ""));

    private PodmanOptions() {}
}
