package dev.lpm.platform;

import java.io.IOException;

/**
 * Starting lpm when the user logs in: an XDG autostart entry on Linux, a LaunchAgent on macOS, the Run
 * key on Windows. The settings dialog toggles it; the file (or key) is the truth, not a setting.
 */
public interface LoginStart {

    /** Whether lpm starts at login now. */
    boolean enabled();

    /** Creates or removes the entry. */
    void setEnabled(boolean on) throws IOException;

    /** Where the entry lives, for the settings dialog ("~/.config/autostart/lpm.desktop"). */
    String location();
}
