package dev.lpm.enforce;

/** A helper request that is not one of the fixed set; the message says what is wrong with it. */
public final class BadRequestException extends Exception {

    public BadRequestException(String message) {
        super(message);
    }
}
