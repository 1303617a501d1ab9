package dev.lpm.proxy;

import java.time.Duration;

/**
 * How long a service keeps an idle connection open, from its {@code Keep-Alive: timeout=N} response
 * header (RFC 9112 leaves it to the server; Node sends {@code timeout=5}). A pooled connection is reused
 * only until a second before that, so the proxy does not send a request just as the service closes the
 * connection: a request caught that way gets no answer.
 */
final class KeepAliveTimeout {

    /** The margin kept before the service's own timeout: its close may be on its way already. */
    static final Duration MARGIN = Duration.ofSeconds(1);

    private KeepAliveTimeout() {
    }

    /**
     * For how long after a response the connection may be reused, in nanoseconds; -1 when the header
     * names no timeout (the pool's own idle timeout applies), 0 when it must not be reused at all.
     */
    static long reusableNanos(String keepAliveHeader) {
        if (keepAliveHeader == null) {
            return -1;
        }
        for (String parameter : keepAliveHeader.split(",")) {
            int equals = parameter.indexOf('=');
            if (equals < 0 || !parameter.substring(0, equals).strip().equalsIgnoreCase("timeout")) {
                continue;
            }
            String value = parameter.substring(equals + 1).strip();
            if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
                return -1; // not a number of seconds: as if absent
            }
            long seconds = Long.parseLong(value);
            return Math.max(0, Duration.ofSeconds(seconds).minus(MARGIN).toNanos());
        }
        return -1;
    }
}
