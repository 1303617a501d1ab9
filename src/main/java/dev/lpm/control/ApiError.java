package dev.lpm.control;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.lpm.core.InvalidServiceNameException;
import dev.lpm.policy.SecurityBlockedException;
import dev.lpm.ports.PortUnavailableException;
import dev.lpm.registry.ServiceAlreadyExistsException;
import dev.lpm.registry.UnknownServiceException;
import java.util.Locale;

/**
 * A refusal as the API sends it: {@code {"error": {"kind": ..., "message": ..., "decision": ...}}} with
 * the HTTP status of its kind. {@code message} is written for a person; {@code kind} is for programs;
 * {@code decision} is set for {@code blocked}: what the security policy decided and why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(Kind kind, String message, Decision decision) {

    /** What went wrong, for a program to branch on; each has one HTTP status. */
    public enum Kind {
        BAD_REQUEST(400), PERMISSION_DENIED(403), BLOCKED(403), NOT_FOUND(404), METHOD_NOT_ALLOWED(405), CONFLICT(409),
        UNAVAILABLE(503), BUSY(503), INTERNAL(500);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** {@code verdict}: "block" (the kill switch, while a VPN is up) or "refuse" (never run). */
    public record Decision(String verdict, String service, String reason) {}

    public static ApiError of(Kind kind, String message) {
        return new ApiError(kind, message, null);
    }

    @JsonIgnore
    public int status() {
        return kind.status();
    }

    /** The kind of a refusal a handler threw (see {@link Failures#isUserError}). */
    public static ApiError fromRefusal(RuntimeException e) {
        return switch (e) {
            case SecurityBlockedException blocked -> new ApiError(Kind.BLOCKED, e.getMessage(), new Decision(
                    blocked.kind() == SecurityBlockedException.Kind.BLOCKED ? "block" : "refuse",
                    blocked.serviceName(), e.getMessage()));
            case UnknownServiceException unknown -> of(Kind.NOT_FOUND, e.getMessage());
            case NotFoundException notFound -> of(Kind.NOT_FOUND, e.getMessage());
            case ServiceAlreadyExistsException exists -> of(Kind.CONFLICT, e.getMessage());
            case PortUnavailableException taken -> of(Kind.CONFLICT, e.getMessage());
            case InvalidServiceNameException invalid -> of(Kind.BAD_REQUEST, e.getMessage());
            case IllegalArgumentException invalid -> of(Kind.BAD_REQUEST, e.getMessage());
            case IllegalStateException state -> of(Kind.CONFLICT, e.getMessage());
            default -> of(Kind.CONFLICT, e.getMessage());
        };
    }

    /** A named thing (a blocked container) that does not exist. */
    public static final class NotFoundException extends RuntimeException {
        public NotFoundException(String message) {
            super(message);
        }
    }
}
