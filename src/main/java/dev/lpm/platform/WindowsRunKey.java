package dev.lpm.platform;

import java.io.IOException;
import java.util.List;

/**
 * Windows: a {@code LocalPortManager} value under the user's Run key, which Explorer starts at logon.
 * Written with {@code reg.exe} (no admin rights needed for HKCU).
 */
public final class WindowsRunKey implements LoginStart {

    static final String KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    static final String VALUE = "LocalPortManager";

    private final String command;
    private final CommandRunner runner;

    public WindowsRunKey(String command, CommandRunner runner) {
        this.command = command;
        this.runner = runner;
    }

    @Override
    public boolean enabled() {
        try {
            return runner.run(queryCommand()) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void setEnabled(boolean on) throws IOException {
        if (!on && !enabled()) {
            return; // reg delete of a missing value fails; off is off
        }
        List<String> reg = on ? addCommand() : deleteCommand();
        int exit = runner.run(reg);
        if (exit != 0) {
            throw new IOException(String.join(" ", reg) + " failed with exit code " + exit);
        }
    }

    @Override
    public String location() {
        return KEY + "\\" + VALUE;
    }

    List<String> addCommand() {
        // The value is a command line: quote the program so a path with spaces ("Program Files") works.
        return List.of("reg", "add", KEY, "/v", VALUE, "/t", "REG_SZ", "/d", "\"" + command + "\"", "/f");
    }

    List<String> deleteCommand() {
        return List.of("reg", "delete", KEY, "/v", VALUE, "/f");
    }

    List<String> queryCommand() {
        return List.of("reg", "query", KEY, "/v", VALUE);
    }
}
