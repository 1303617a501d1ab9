package dev.lpm.control;

import dev.lpm.core.Settings;
import java.util.function.UnaryOperator;

/**
 * What the window can change beyond services (resume a blocked container, the settings), so the CLI can do
 * it too over the control socket; the app implements it with the same parts the window's backend uses.
 */
public interface DesktopControls {

    /** Starts a blocked container again (as the window's Resume does); throws when it cannot. */
    void resume(String containerId);

    Settings settings();

    /** Saves and applies the change as the settings dialog does; returns the settings now in force. */
    Settings updateSettings(UnaryOperator<Settings> change);
}
