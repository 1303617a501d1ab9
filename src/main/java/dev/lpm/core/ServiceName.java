package dev.lpm.core;

import java.util.regex.Pattern;

/** A service's name: a DNS label, so that {@code NAME.localhost} is a valid host name. */
public record ServiceName(String value) implements Comparable<ServiceName> {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public static final String RULE =
            "1-63 lowercase letters a-z, digits and '-', starting and ending with a letter or digit"
                    + " (a DNS label, e.g. 'api' or 'my-app')";

    public ServiceName {
        if (value == null || !DNS_LABEL.matcher(value).matches()) {
            throw new InvalidServiceNameException(value);
        }
    }

    public static ServiceName of(String value) {
        return new ServiceName(value);
    }

    @Override
    public int compareTo(ServiceName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
