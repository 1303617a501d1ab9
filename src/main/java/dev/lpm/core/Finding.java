package dev.lpm.core;

import java.util.Objects;

/**
 * One thing the audit found, in words a developer understands.
 *
 * @param id        stable rule id, e.g. {@code privileged}; never changes once released (scripts filter on it)
 * @param reference where the rule comes from, e.g. {@code CIS 5.5}, or "" when it is lpm's own
 * @param severity  how bad it is
 * @param container what the finding is about: the container's name (without the leading '/'), {@link #ENGINE}
 *                  for engine and host checks, or {@link #service} of a name for an lpm service
 * @param seen      what was seen: the inspect field and its value, e.g. {@code HostConfig.Privileged = true}
 * @param why       why it matters, one sentence
 * @param fix       how to fix it: the {@code docker run} flag or compose key, or the setting
 */
public record Finding(String id, String reference, Severity severity, String container, String seen, String why,
                      String fix) {

    /** The subject of engine and host findings. */
    public static final String ENGINE = "(docker engine)";

    /** The subject of findings about an lpm service: {@code service api} (no container name holds a space). */
    public static String service(String name) {
        return "service " + name;
    }

    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(container, "container");
        reference = reference == null ? "" : reference;
        seen = seen == null ? "" : seen;
        why = why == null ? "" : why;
        fix = fix == null ? "" : fix;
    }
}
