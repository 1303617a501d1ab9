package dev.lpm.docker.command;

/**
 * Network modes besides {@code host} through which a container's ports may reach beyond loopback without
 * going through {@code -p}, so the loopback rewrite cannot cover them. Which CLI knows which is in
 * {@link ContainerCli}.
 */
enum ExposingNetworkMode {

    NAMESPACE_PATH("ns:", "joins the network namespace at that path, which may be the host's (/proc/1/ns/net: "
            + "every port exposed as with --network host), and lpm cannot tell whose it is"),
    PASTA_OPTIONS("pasta:", "passes its options to pasta, whose -t/-u forward host ports on every interface "
            + "without lpm seeing them; use --network pasta");

    private final String prefix;
    private final String why;

    ExposingNetworkMode(String prefix, String why) {
        this.prefix = prefix;
        this.why = why;
    }

    boolean matches(String network) {
        return network.startsWith(prefix);
    }

    String why() {
        return why;
    }
}
