package dev.lpm.enforce;

/** IPv4 or IPv6: which tool changes its firewall and what its loopback is. */
public enum IpFamily {
    V4("iptables", "127.0.0.0/8"),
    V6("ip6tables", "::1/128");

    private final String tool;
    private final String loopback;

    IpFamily(String tool, String loopback) {
        this.tool = tool;
        this.loopback = loopback;
    }

    /** The command's name: {@code iptables} or {@code ip6tables}. */
    public String tool() {
        return tool;
    }

    /** The loopback network in iptables' notation. */
    public String loopback() {
        return loopback;
    }
}
