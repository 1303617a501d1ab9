package dev.lpm.docker.command;

/** The docker CLI's options (docker CLI 20.10-28). */
final class DockerOptions {

    /** docker's own options, which may stand before the subcommand ({@code docker --context x run}). */
    static final OptionTable GLOBAL = OptionTable.of("config context host log-level tlscacert tlscert tlskey",
            "debug tls tlsverify help version", "cHl", "Dhv");

    /** docker run / docker create: the shared options and docker's own ({@code -c} is --cpu-shares). */
    static final OptionTable RUN = SharedRunOptions.TABLE.plus(OptionTable.of("""
            cpu-count cpu-percent device-cgroup-rule domainname entrypoint health-start-interval io-maxbandwidth
            io-maxiops isolation link link-local-ip net-alias network-alias runtime storage-opt volume-driver""",
            "disable-content-trust use-api-socket", "c", ""));

    private DockerOptions() {}
}
