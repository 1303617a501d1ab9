package dev.lpm.ui.dialogs;

import dev.lpm.platform.LoginStart;
import java.io.IOException;

/** A login entry kept in a field; {@link #failWith} makes the next change fail like a read-only directory. */
public final class MemoryLoginStart implements LoginStart {

    volatile boolean enabled;
    volatile IOException failWith;
    volatile int changes;

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean on) throws IOException {
        if (failWith != null) {
            throw failWith;
        }
        changes++;
        enabled = on;
    }

    @Override
    public String location() {
        return "~/.config/autostart/lpm.desktop";
    }
}
