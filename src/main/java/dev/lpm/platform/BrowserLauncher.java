package dev.lpm.platform;

import java.net.URI;

/** Opens a URL in the user's default browser. The tray, the window and {@code lpm open} share it. */
@FunctionalInterface
public interface BrowserLauncher {

    /**
     * @throws BrowserUnavailableException when no browser could be started, with what to install or set
     */
    void open(URI url);

    final class BrowserUnavailableException extends RuntimeException {
        public BrowserUnavailableException(String message) {
            super(message);
        }
    }
}
