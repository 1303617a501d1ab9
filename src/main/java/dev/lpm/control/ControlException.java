package dev.lpm.control;

/** The instance refused or failed a request; the message is meant for the user, the kind for programs. */
public final class ControlException extends RuntimeException {

    private final ApiError error;

    public ControlException(String message) {
        this(ApiError.of(ApiError.Kind.INTERNAL, message));
    }

    public ControlException(ApiError error) {
        super(error.message());
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
