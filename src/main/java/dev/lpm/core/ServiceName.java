package dev.lpm.core;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A service's name: a DNS label, so that {@code NAME.localhost} is a valid host name. Any such label
 * names a service (services.json written before a name was reserved still loads); {@link #requireRegistrable}
 * is what a new registration must also pass.
 */
public record ServiceName(String value) implements Comparable<ServiceName> {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    public static final String RULE =
            "1-63 lowercase letters a-z, digits and '-', starting and ending with a letter or digit"
                    + " (a DNS label, e.g. 'api' or 'my-app')";

    /**
     * Names a new registration may not take: {@code localhost} ({@code localhost.localhost} reads as the
     * machine itself, not a service) and {@code lpm} (lpm's own name: its pages and messages say "lpm").
     */
    public static final Set<String> RESERVED = Set.of("localhost", "lpm");

    public static final String RESERVED_RULE = "'localhost' and 'lpm' are reserved, and so is any name with '--' as"
            + " its 3rd and 4th characters (browsers read 'xn--...' as an international name and show other"
            + " letters)";

    public ServiceName {
        if (value == null || !DNS_LABEL.matcher(value).matches()) {
            throw new InvalidServiceNameException(value);
        }
    }

    public static ServiceName of(String value) {
        return new ServiceName(value);
    }

    /** Why a new registration may not take this name, if it may not. */
    public Optional<String> reservedBecause() {
        if (RESERVED.contains(value)) {
            return Optional.of("'" + value + "' is reserved (" + value + ".localhost would not read as a service)");
        }
        if (value.length() >= 4 && value.startsWith("--", 2)) {
            return Optional.of("'" + value + "' has '--' as its 3rd and 4th characters, which DNS keeps for"
                    + " encoded international names (a browser may show '" + value + ".localhost' as other letters)");
        }
        return Optional.empty();
    }

    /** Refuses a name a new registration may not take; the message states the rule. */
    public ServiceName requireRegistrable() {
        reservedBecause().ifPresent(why -> {
            throw new ReservedServiceNameException(why + "; " + RESERVED_RULE);
        });
        return this;
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
