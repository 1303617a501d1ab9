package dev.lpm.ui.dialogs;

import dev.lpm.policy.SecurityBlockedException;
import dev.lpm.ports.PortUnavailableException;
import dev.lpm.registry.ServiceAlreadyExistsException;

/** Turns what {@code DesktopBackend.register} threw into the sentence the dialog shows. */
final class RegistrationErrorMessage {

    private RegistrationErrorMessage() {}

    static String of(Exception e) {
        return switch (e) {
            // These messages are written for users already (the SECURITY BLOCK text, the name, the port).
            case SecurityBlockedException blocked -> blocked.getMessage();
            case ServiceAlreadyExistsException taken -> taken.getMessage();
            case PortUnavailableException port -> port.getMessage();
            case IllegalArgumentException bad -> "Not registered: " + bad.getMessage();
            default -> "Not registered: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        };
    }
}
